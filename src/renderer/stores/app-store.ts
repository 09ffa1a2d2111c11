// The app's own domain: who and where the app is (AppInfo), its saved settings, opening the other
// windows, and the notices the host pushes (recovery, sweeper, errors) for the status area.
import { create } from 'zustand';
import type {
  AppInfo,
  BridgeArgs,
  BridgeFailure,
  SettingsView,
  WindowName,
} from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';

/** A line for the status area: something the host did on its own, or a failure it reported. */
export interface Notice {
  readonly id: number;
  readonly at: number;
  readonly topic: string;
  readonly text: string;
  readonly failure: BridgeFailure | null;
}

export interface AppState extends CallState {
  readonly info: AppInfo | null;
  readonly settings: SettingsView | null;
  /** The last save went through (cleared by the next edit or save). */
  readonly saved: boolean;
  readonly notices: readonly Notice[];
}

export interface AppActions {
  load(): Promise<void>;
  saveSettings(input: BridgeArgs['settingsSave']): Promise<boolean>;
  openWindow(name: WindowName): Promise<void>;
  receiveSettings(settings: SettingsView): void;
  pushNotice(notice: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
}

/** How many notices the status area keeps. */
const MAX_NOTICES = 5;

export const appInitialState: AppState = {
  ...idleCall,
  info: null,
  settings: null,
  saved: false,
  notices: [],
};

let nextNoticeId = 1;

/** The app/settings store. */
export const useAppStore = create<AppState & AppActions>()((set) => ({
  ...appInitialState,

  async load() {
    const info = await runCall(set, 'load', (bridge) => bridge.appInfo());
    if (info.ok) set({ info: info.value });
    const settings = await runCall(set, 'load', (bridge) => bridge.settingsGet());
    if (settings.ok) set({ settings: settings.value });
  },

  async saveSettings(input) {
    set({ saved: false });
    const result = await runCall(set, 'save', (bridge) => bridge.settingsSave(input));
    if (!result.ok) return false;
    set({ settings: result.value, saved: true });
    const info = await runCall(set, 'load', (bridge) => bridge.appInfo());
    if (info.ok) set({ info: info.value });
    return true;
  },

  async openWindow(name) {
    const result = await runCall(set, `open-${name}`, (bridge) => bridge.windowOpen({ window: name }));
    // Web mode answers the route: the browser opens it as a new tab.
    if (result.ok && result.value.url) window.open(result.value.url, '_blank');
  },

  receiveSettings(settings) {
    set({ settings });
  },

  pushNotice(notice) {
    const id = nextNoticeId++;
    set((state) => ({ notices: [...state.notices, { ...notice, id }].slice(-MAX_NOTICES) }));
  },

  dismissNotice(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
}));
