/**
 * A compromised page asks for powers (issue 9, "permission requests"): camera and microphone, location,
 * clipboard, notifications, screen capture, devices (HID, serial, USB, Bluetooth). The real session glue
 * (session-hardening.ts, window.ts) on the recording Electron fakes: every request and every check is
 * answered no, whichever origin asks, and every device chooser is cancelled without being shown.
 */
import { describe, expect, it } from 'vitest';
import { preventableEvent } from '../../unit/electron/fake-electron.js';
import { expectBehaviour } from '../behaviour-table.js';
import { openHardenedWindow } from './hardened-window.js';

/** Electron's permission names (Session.setPermissionRequestHandler / setPermissionCheckHandler). */
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'keyboardLock',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'usb',
  'window-management',
  'unknown',
] as const;
const ORIGINS = ['app://hostproof', 'https://evil.example', 'file://', 'null'] as const;

describe('a compromised window: permission requests', () => {
  it(`asking for each of ${PERMISSIONS.length} permissions: every request denied`, (context) => {
    const { win, session } = openHardenedWindow();
    const answers: boolean[] = [];
    // The handler is not told the origin by the fake (its type has no details): it must say no regardless.
    for (const permission of PERMISSIONS) session.permissionRequestHandler!(win.webContents, permission, (granted) => answers.push(granted));
    expect(answers).toHaveLength(PERMISSIONS.length);
    expectBehaviour(context, {
      expected: `${PERMISSIONS.length} requests answered, 0 granted`,
      got: `${answers.length} requests answered, ${answers.filter(Boolean).length} granted`,
    });
  });

  it(`checking each of ${PERMISSIONS.length} permissions from ${ORIGINS.length} origins: every check says no`, (context) => {
    const { win, session } = openHardenedWindow();
    const answers = PERMISSIONS.flatMap((permission) =>
      ORIGINS.map((origin) => session.permissionCheckHandler!(win.webContents, permission, origin, { requestingUrl: `${origin}/` })),
    );
    expectBehaviour(context, {
      expected: `${PERMISSIONS.length * ORIGINS.length} checks, 0 granted`,
      got: `${answers.length} checks, ${answers.filter((a) => a !== false).length} granted`,
    });
  });

  it('device permissions (hid, serial, usb, bluetooth), from our page or another origin: all denied', (context) => {
    const { session } = openHardenedWindow();
    const answers = ['hid', 'serial', 'usb', 'bluetooth'].flatMap((deviceType) =>
      ORIGINS.map((origin) => session.devicePermissionHandler!({ deviceType, origin, device: { vendorId: 1, productId: 2 } })),
    );
    expectBehaviour(context, { expected: '16 device permissions asked, 0 granted', got: `${answers.length} device permissions asked, ${answers.filter((a) => a !== false).length} granted` });
  });

  it('device choosers (HID, serial, USB, Bluetooth): each cancelled with no device picked', (context) => {
    const { win, session } = openHardenedWindow();
    const picked: unknown[] = [];
    const events = [preventableEvent(), preventableEvent(), preventableEvent(), preventableEvent()] as const;
    session.emit('select-hid-device', events[0], { deviceList: [{ deviceId: 'keyboard' }] }, (id: unknown) => picked.push(id));
    session.emit('select-serial-port', events[1], [{ portId: 'ttyS0' }], {}, (id: unknown) => picked.push(id));
    session.emit('select-usb-device', events[2], { deviceList: [{ deviceId: 'stick' }] }, (id?: unknown) => picked.push(id));
    win.webContents.emit('select-bluetooth-device', events[3], [{ deviceId: 'headset', deviceName: 'x' }], (id: unknown) => picked.push(id));
    // A chooser left unanswered would hang the page; each must be answered, with "nothing".
    expect(picked).toEqual([null, '', undefined, '']);
    expectBehaviour(context, {
      expected: '4 choosers cancelled, 4 answered with no device',
      got: `${events.filter((e) => e.defaultPrevented).length} choosers cancelled, ${picked.filter((p) => p === null || p === '' || p === undefined).length} answered with no device`,
    });
  });

  it('a Bluetooth pairing request: not confirmed', (context) => {
    const { session } = openHardenedWindow();
    const responses: Array<{ confirmed: boolean }> = [];
    session.bluetoothPairingHandler!({ deviceId: 'headset', pairingKind: 'confirm' }, (r) => responses.push(r));
    session.bluetoothPairingHandler!({ deviceId: 'headset', pairingKind: 'providePin', pin: '0000' }, (r) => responses.push(r));
    expectBehaviour(context, {
      expected: '2 pairings answered, 0 confirmed',
      got: `${responses.length} pairings answered, ${responses.filter((r) => r.confirmed).length} confirmed`,
    });
  });
});
