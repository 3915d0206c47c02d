import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp.js';
import { createMainWindow } from '../../../main/electron/window.js';
import { FakeBrowserWindow, preventableEvent } from './fake-electron.js';

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

  it('denies every permission request and check', () => {
    const { win } = openWindow();
    const session = win.webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler!(win.webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!(win.webContents, permission)).toBe(false);
    }
  });

  it('blocks navigation, and hands only safe links to the system browser', () => {
    const { win, openExternal } = openWindow();
    const navigate = (url: string) => {
      const event = preventableEvent();
      win.webContents.emit('will-navigate', event, url);
      return event.defaultPrevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);

    const redirect = preventableEvent();
    win.webContents.emit('will-redirect', redirect, 'https://elsewhere.example/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = preventableEvent();
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every new window; opens safe schemes externally and drops the rest', () => {
    const { win, openExternal } = openWindow();
    const open = win.webContents.windowOpenHandler!;
    for (const url of ['https://a.example/', 'http://b.example/', 'xmpp:alice@example.com', 'javascript:alert(1)', 'file:///x', 'smb://host/share', 'https://user:pw@evil.example/']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://a.example/', 'http://b.example/', 'xmpp:alice@example.com']);
  });

  it('shows the window only once it is ready to paint', () => {
    const { win } = openWindow();
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });
});
