import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { createMainWindow } from '../../../main/electron/window.js';
import { FakeBrowserWindow, preventableEvent } from './fake-electron.js';

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

describe('devices and frame navigation', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
  });

  it('denies every device permission and cancels every device chooser', () => {
    const session = openWindow('linux').webContents.session;
    for (const deviceType of ['hid', 'serial', 'usb', 'bluetooth']) {
      expect(session.devicePermissionHandler!({ deviceType, origin: 'app://hostproof' })).toBe(false);
    }
    const hid = preventableEvent();
    const hidCallback = vi.fn();
    session.emit('select-hid-device', hid, { deviceList: [{ deviceId: 'k' }] }, hidCallback);
    expect(hid.defaultPrevented).toBe(true);
    expect(hidCallback).toHaveBeenCalledWith(null);

    const serial = preventableEvent();
    const serialCallback = vi.fn();
    session.emit('select-serial-port', serial, [{ portId: 'p' }], {}, serialCallback);
    expect(serial.defaultPrevented).toBe(true);
    expect(serialCallback).toHaveBeenCalledWith('');

    const usb = preventableEvent();
    const usbCallback = vi.fn();
    session.emit('select-usb-device', usb, { deviceList: [{ deviceId: 'u' }] }, usbCallback);
    expect(usb.defaultPrevented).toBe(true);
    expect(usbCallback).toHaveBeenCalledWith();

    const pairing = vi.fn();
    session.bluetoothPairingHandler!({ deviceId: 'b', pairingKind: 'confirm' }, pairing);
    expect(pairing).toHaveBeenCalledWith({ confirmed: false });
  });

  it('cancels a Bluetooth device chooser from the page', () => {
    const win = openWindow('linux');
    const event = preventableEvent();
    const callback = vi.fn();
    win.webContents.emit('select-bluetooth-device', event, [{ deviceId: 'b', deviceName: 'x' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });

  it('lets a frame navigate only to our page in the top frame', () => {
    const win = openWindow('linux');
    const navigate = (url: string, isMainFrame: boolean) => {
      const event = Object.assign(preventableEvent(), { url, isMainFrame });
      win.webContents.emit('will-frame-navigate', event);
      return event.defaultPrevented;
    };
    expect(navigate('app://hostproof/index.html', true)).toBe(false);
    expect(navigate('app://hostproof/index.html#chat', true)).toBe(false);
    expect(navigate('app://hostproof/index.html', false)).toBe(true);
    expect(navigate('app://hostproof/other.html', true)).toBe(true);
    expect(navigate('app://evil/index.html', true)).toBe(true);
    expect(navigate('https://example.com/', false)).toBe(true);
    expect(navigate('file:///app/dist/renderer/index.html', true)).toBe(true);
    expect(navigate('javascript:alert(1)', false)).toBe(true);
    expect(navigate('data:text/html,<p>x', false)).toBe(true);
  });
});
