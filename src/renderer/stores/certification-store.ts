// The self-certification domain: whether the till is linked to a certification session (and so
// calls the service's API instead of its own backend), the session as the service judges it, and
// starting, restarting and stopping it. The host refreshes the session every second and pushes it.
import { create } from 'zustand';
import type { BridgeArgs, CertificationView } from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';

export interface CertificationState extends CallState {
  /** The host's link to a session; null until the first answer or event. */
  readonly certification: CertificationView | null;
}

export interface CertificationActions {
  load(): Promise<void>;
  start(input: BridgeArgs['certificationStart']): Promise<boolean>;
  restart(): Promise<boolean>;
  stop(): Promise<boolean>;
  receiveCertification(certification: CertificationView): void;
}

export const certificationInitialState: CertificationState = {
  ...idleCall,
  certification: null,
};

/** The certification store. */
export const useCertificationStore = create<CertificationState & CertificationActions>()((set) => {
  const viewCall = async (action: string, call: Parameters<typeof runCall<CertificationView>>[2]) => {
    const result = await runCall(set, action, call);
    if (result.ok) set({ certification: result.value });
    return result.ok;
  };

  return {
    ...certificationInitialState,

    async load() {
      const result = await runCall(set, 'load', (bridge) => bridge.certificationGet());
      // An event may have arrived while the call was out: it is at least as new as the answer.
      if (result.ok) set((state) => (state.certification ? {} : { certification: result.value }));
    },

    start: (input) => viewCall('start', (bridge) => bridge.certificationStart(input)),
    restart: () => viewCall('restart', (bridge) => bridge.certificationRestart()),
    stop: () => viewCall('stop', (bridge) => bridge.certificationStop()),

    receiveCertification(certification) {
      set({ certification });
    },
  };
});
