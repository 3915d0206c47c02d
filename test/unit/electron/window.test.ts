import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp.js';
import { createMainWindow } from '../../../main/electron/window.js';
import { FakeBrowserWindow } from './fake-electron.js';

// What a compromised page can try in this window (navigation, window.open, permissions, devices) is tested in
// test/hardening/compromised-window/; here: how the window is built.
function openWindow(platform: NodeJS.Platform = 'linux') {
  const openExternal = vi.fn();
  createMainWindow({
    BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow,
    preloadPath: '/app/dist/preload/preload.cjs',
    pageUrl: APP_PAGE_URL,
    platform,
    openExternal,
  });
  const win = FakeBrowserWindow.instances.at(-1)!;
  return { win, openExternal };
}

describe('the main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
  });

  it('is created sandboxed, isolated, without Node, with web security and our preload', () => {
    const { win } = openWindow();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the page from app://hostproof/, never from file://', () => {
    const { win } = openWindow();
    expect(win.loadURL.mock.calls).toEqual([['app://hostproof/index.html']]);
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('adds the strict Content-Security-Policy to every response', () => {
    const { win } = openWindow();
    const callback = vi.fn();
    win.webContents.session.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('shows the window only once it is ready to paint', () => {
    const { win } = openWindow();
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });
});
