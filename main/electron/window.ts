/**
 * The main window and every security setting around it. Kept as one function with injected Electron
 * objects so a test can inspect exactly what is passed to BrowserWindow and the session.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { isSafeExternalUrl } from './external-url.js';
import { hardenSession, spellCheckWanted } from './session-hardening.js';
import { isTrustedSender } from './trusted-sender.js';

function windowOptions(
  preloadPath: string,
  platform: NodeJS.Platform,
  bounds?: { x?: number; y?: number; width: number; height: number },
): BrowserWindowConstructorOptions {
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
      // Only where the OS checks spelling itself (macOS); elsewhere Chromium would download dictionaries.
      spellcheck: spellCheckWanted(platform),
    },
  };
}

/** The page never navigates and never opens windows; safe links go to the system browser instead. */
function hardenContents(contents: WebContents, pageUrl: string, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isSafeExternalUrl(url)) openExternal(url);
  });
  // Sub-frames too (will-navigate sees only the main frame): the one navigation allowed is our own page in
  // the top frame; frames (CSP frame-src 'none' already) and anything else are refused.
  contents.on('will-frame-navigate', (event) => {
    if (!(event.isMainFrame && isTrustedSender({ url: event.url, parent: null }, pageUrl))) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

export interface MainWindowDeps {
  readonly BrowserWindow: typeof BrowserWindow;
  readonly preloadPath: string;
  /** The app page, app://hostproof/index.html: never file:// (see app-protocol-paths.ts). */
  readonly pageUrl: string;
  readonly platform: NodeJS.Platform;
  readonly openExternal: (url: string) => void;
  readonly bounds?: { x?: number; y?: number; width: number; height: number } | null;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath, deps.platform, deps.bounds ?? undefined));
  hardenSession(win.webContents.session, deps.platform);
  hardenContents(win.webContents, deps.pageUrl, deps.openExternal);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(deps.pageUrl);
  return win;
}
