/**
 * Entry point of the Electron main process: app lifecycle only. Everything it wires together lives in
 * plain-Node modules that the tests run without Electron.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDispatch } from '../ipc/dispatch.js';
import { createHandlers } from '../services/create-handlers.js';
import { registerIpc } from './ipc-register.js';
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

  void app.whenReady().then(() => {
    const handlers = createHandlers({
      appInfo: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        dataPath: app.getPath('userData'),
      },
    });
    const dispatch = createDispatch(handlers, { logError: (message, error) => console.error(message, error) });
    registerIpc(ipcMain, dispatch, pathToFileURL(pagePath).href);
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

start();
