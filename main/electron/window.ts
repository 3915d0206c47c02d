/**
 * The main window and every security setting around it. Kept as one function with injected Electron
 * objects so a test can inspect exactly what is passed to BrowserWindow and the session.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { isSafeExternalUrl } from './external-url.js';

function windowOptions(preloadPath: string, bounds?: { x?: number; y?: number; width: number; height: number }): BrowserWindowConstructorOptions {
  return {
    width: bounds?.width ?? 1100,
    height: bounds?.height ?? 720,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 480,
    title: 'Hostproof',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}

/** Deny every permission (camera, geolocation, notifications from the page...): the UI needs none. */
function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** The page never navigates and never opens windows; safe links go to the system browser instead. */
function hardenContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isSafeExternalUrl(url)) openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

export interface MainWindowDeps {
  readonly BrowserWindow: typeof BrowserWindow;
  readonly preloadPath: string;
  readonly pagePath: string;
  readonly openExternal: (url: string) => void;
  readonly bounds?: { x?: number; y?: number; width: number; height: number } | null;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath, deps.bounds ?? undefined));
  hardenSession(win.webContents.session);
  hardenContents(win.webContents, deps.openExternal);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(deps.pagePath);
  return win;
}
