import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type Bridge, type LiveUpdate } from '../core/contract';

/**
 * The only thing the renderer gets from Electron: the contract's Bridge.
 * No ipcRenderer, no Node. The channel names come from the contract.
 */
const bridge: Bridge = {
  invoke: (method, params) => ipcRenderer.invoke(ipcChannels.invoke, method, params),
  subscribe(listener) {
    const onLive = (_event: unknown, updates: LiveUpdate[]) => listener(updates);
    ipcRenderer.on(ipcChannels.live, onLive);
    ipcRenderer.send(ipcChannels.subscribe);
    return () => ipcRenderer.removeListener(ipcChannels.live, onLive);
  },
};

contextBridge.exposeInMainWorld('callboard', bridge);
