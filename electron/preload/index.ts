/**
 * The whole preload: puts the contract's transport on `window.api` through contextBridge.
 * No logic lives here — main validates every call (sender + schema). Sandboxed preloads may only
 * require 'electron', so this imports only the name list (no zod).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { PreloadApi } from '../../shared/channels';
import { ipcEventChannel, ipcRequestPrefix, requestNameList } from '../../shared/channels';

const allowed = new Set<string>(requestNameList);

const api: PreloadApi = {
  invoke(name, args) {
    if (!allowed.has(name)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'UNKNOWN_REQUEST',
          message: `Unknown request: ${String(name).slice(0, 80)}`,
        },
      });
    }
    return ipcRenderer.invoke(`${ipcRequestPrefix}${name}`, args);
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
