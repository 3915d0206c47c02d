import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { createMainWindow } from '../../../main/electron/window.js';
import { FakeBrowserWindow } from './fake-electron.js';

function openWindow(platform: NodeJS.Platform) {
  createMainWindow({
    BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow,
    preloadPath: '/app/dist/preload/preload.cjs',
    pageUrl: APP_PAGE_URL,
    platform,
    openExternal: vi.fn(),
  });
  return FakeBrowserWindow.instances.at(-1)!;
}

describe('spell checking without third-party downloads', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
  });

  it.each(['linux', 'win32', 'freebsd'] as const)('is off on %s, where Chromium would download Hunspell dictionaries', (platform) => {
    const win = openWindow(platform);
    expect((win.options.webPreferences as { spellcheck?: boolean }).spellcheck).toBe(false);
    expect(win.webContents.session.spellCheckerEnabled).toBe(false);
  });

  it('uses the OS checker on macOS, which downloads nothing', () => {
    const win = openWindow('darwin');
    expect((win.options.webPreferences as { spellcheck?: boolean }).spellcheck).toBe(true);
    expect(win.webContents.session.spellCheckerEnabled).toBe(true);
  });

  it.each(['linux', 'win32', 'darwin'] as const)('never points the dictionary downloader at a third party (%s)', (platform) => {
    const url = new URL(openWindow(platform).webContents.session.dictionaryDownloadUrl!);
    expect(url.protocol).toBe('app:');
    expect(url.host).toBe('hostproof');
  });
});
