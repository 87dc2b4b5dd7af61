/**
 * The whole preload: puts the contract's transport on `window.api` through contextBridge.
 * No logic lives here — main validates every call (sender + schema). Sandboxed preloads may only
 * require 'electron', so this imports only the channel names (no zod); unknown request names are
 * refused by main's dispatcher (UNKNOWN_REQUEST).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { PreloadApi } from '../../shared/channels';
import { ipcEventChannel, ipcInvokeChannel } from '../../shared/channels';

const api: PreloadApi = {
  invoke(name, args) {
    return ipcRenderer.invoke(ipcInvokeChannel, name, args);
  },
  onEvent(listener) {
    const wrapped = (_e: IpcRendererEvent, event: string, payload: unknown) =>
      listener(event, payload);
    ipcRenderer.on(ipcEventChannel, wrapped);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
