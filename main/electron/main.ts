/**
 * Entry point of the Electron main process: app lifecycle only. Everything it wires together lives in
 * plain-Node modules that the tests run without Electron.
 */
import { app, BrowserWindow, ipcMain, safeStorage, shell } from 'electron';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eventChannel } from '../../app/ipc/channels.js';
import { createDispatch } from '../ipc/dispatch.js';
import { createDnsResolver, createNameLookup } from '../net/name-lookup.js';
import { createAppServices } from '../services/create-app-services.js';
import { createHandlers } from '../services/create-handlers.js';
import type { EmitEvent } from '../services/event-sink.js';
import { attachChatFeatures, openXmppSession } from '../services/session-wiring.js';
import { isSafeExternalUrl } from './external-url.js';
import { registerIpc } from './ipc-register.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '..', 'preload', 'preload.cjs');
const pagePath = path.join(here, '..', 'renderer', 'index.html');

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    // Another Hostproof is running: it gets focus through 'second-instance'; this one leaves quietly.
    app.quit();
    return;
  }

  let mainWindow: BrowserWindow | null = null;
  const openWindow = () => {
    mainWindow = createMainWindow({
      BrowserWindow,
      preloadPath,
      pagePath,
      openExternal: (url) => void shell.openExternal(url),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces: no web contents of ours may ever open a window.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  // Events go to our window only; before it exists (or after it closed) they are dropped: the renderer
  // asks for the current state when it loads.
  const emit: EmitEvent = (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannel(event), payload);
  };

  void app.whenReady().then(() => {
    const services = createAppServices({
      dataDir: app.getPath('userData'),
      cipher: safeStorageCipher(safeStorage),
      emit,
      network: { ca: rootCertificates, lookup: createNameLookup(), dns: createDnsResolver() },
      openSession: openXmppSession,
      attachFeatures: attachChatFeatures,
      notice: (text) => emit('appNotice', { level: 'warning', text }),
    });
    app.on('before-quit', () => void services.shutdown());
    const handlers = createHandlers({
      appInfo: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        dataPath: app.getPath('userData'),
      },
      accounts: services.accounts,
      trustCenter: services.trustCenter,
      openExternal: (url) => shell.openExternal(url),
      isSafeExternalUrl,
    });
    const dispatch = createDispatch(handlers, { logError: (message, error) => console.error(message, error) });
    registerIpc(ipcMain, dispatch, pathToFileURL(pagePath).href);
    openWindow();
    void services.accounts.autoConnect();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

start();
