/**
 * The preload: runs sandboxed, before the page, and exposes the contract's API on `window.hostproof`.
 * No raw ipcRenderer reaches the page: only one function per contract operation and a filtered `on`.
 * Emitted as CommonJS because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventChannel, requestChannel } from './ipc/channels.js';
import { API_GLOBAL } from './ipc/api.js';
import { createApi } from './ipc/create-api.js';

const api = createApi({
  invoke: (name, payload) => ipcRenderer.invoke(requestChannel(name), payload),
  subscribe: (event, listener) => {
    const channel = eventChannel(event);
    // Strip the IpcRendererEvent: it carries `sender`, which would leak ipcRenderer to the page.
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld(API_GLOBAL, api);
