// The preload exposes exactly the bridge contract: named functions, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeChannels, type PosSimBridge } from '../shared/bridge.js';

const bridge: PosSimBridge = {
  appInfo: () => ipcRenderer.invoke(bridgeChannels.appInfo),
};

contextBridge.exposeInMainWorld('posSim', bridge);
