/**
 * Everything the window's session refuses: permissions, devices, and spell-check dictionaries fetched from
 * a third party. The UI needs no camera, no USB, no Bluetooth and no remote file of any kind.
 */
import type { Session } from 'electron';
import { APP_SCHEME, APP_HOST } from './app-protocol-paths.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

/**
 * On Linux and Windows Chromium's Hunspell checker downloads dictionaries from Google's CDN: a request to a
 * third party from a client whose point is knowing whom it talks to. Only macOS has an OS checker (used
 * in-process, nothing downloaded), so spell checking is on there and off everywhere else.
 */
export function spellCheckWanted(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/**
 * Where the downloader would look if anything ever turned spell checking back on: our own scheme, which
 * has no dictionaries (a 404), so the answer is "none" without a request leaving the machine.
 */
export const NO_DICTIONARIES_URL = `${APP_SCHEME}://${APP_HOST}/no-dictionaries/`;

export function hardenSession(session: Session, platform: NodeJS.Platform): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Devices (HID, serial, USB, Bluetooth): no grant, and any chooser is cancelled rather than shown.
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // Exists on Windows and Linux only (macOS pairs by itself).
  if (typeof session.setBluetoothPairingHandler === 'function') {
    session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  }

  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARIES_URL);
  session.setSpellCheckerEnabled(spellCheckWanted(platform));

  // The app:// handler already sets the policy; this covers any other response the session might see.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
