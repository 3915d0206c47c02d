/**
 * The trust center's OMEMO section (issue 15): this device's fingerprint and QR code, each contact device's trust,
 * paste-to-compare, and decisions that go to main (which confirms raising trust in its own dialog).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OmemoDevicesView, OmemoDeviceView } from '../../../app/domain/omemo-devices.js';
import { ok } from '../../../app/ipc/result.js';
import { qrPath } from '../../../renderer/src/common/QrCode.js';
import { OmemoDevices } from '../../../renderer/src/trust/OmemoDevices.js';
import { pastedFingerprint } from '../../../renderer/src/trust/device-trust-text.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { renderWithApi } from '../render-with-api.js';

const ALICE = accountView(undefined, null, { id: '11111111-1111-4111-8111-111111111111', jid: 'alice@example.org' });
const HEX = '0123456789abcdef'.repeat(4);
const GROUPED = HEX.match(/.{8}/g)!.join(' ');
const OWN_URI = `xmpp:alice@example.org?omemo-sid-1234=${'f'.repeat(64)}`;

const device = (deviceId: number, trust: OmemoDeviceView['trust'], fingerprint: string | null = GROUPED): OmemoDeviceView => ({
  jid: 'bob@example.org',
  deviceId,
  fingerprint,
  trust,
  firstSeen: '2026-12-01T10:00:00.000Z',
  decidedAt: null,
});

function show(view: OmemoDevicesView) {
  let current = view;
  const fake = fakeApi({
    listOmemoDevices: () => ok(current),
    setDeviceTrust: ({ deviceId, trust }) => {
      if (current.state !== 'ready') throw new Error('off');
      current = { ...current, devices: current.devices.map((d) => (d.deviceId === deviceId ? { ...d, trust } : d)) };
      return ok({ ...device(deviceId, trust) });
    },
  });
  renderWithApi(<OmemoDevices accounts={[ALICE]} />, fake.api);
  return fake;
}

const READY: OmemoDevicesView = {
  state: 'ready',
  own: { deviceId: 1234, fingerprint: 'ffffffff '.repeat(8).trim(), uri: OWN_URI },
  devices: [device(7, 'blind'), device(8, 'undecided'), device(9, 'blind', null)],
};

describe('<OmemoDevices>', () => {
  it('shows this device with its fingerprint and a QR code of its xmpp: link', async () => {
    show(READY);
    const own = await screen.findByTestId('omemo-own');
    expect(within(own).getByTestId('omemo-own-fingerprint').textContent).toBe('ffffffff '.repeat(8).trim());
    const qr = within(own).getByTestId('qr-code');
    expect(qr.getAttribute('data-text')).toBe(OWN_URI);
    expect(qr.querySelector('path')?.getAttribute('d')).toBe(qrPath(OWN_URI).d);
    expect(qr.getAttribute('viewBox')).toBe(`0 0 ${qrPath(OWN_URI).size} ${qrPath(OWN_URI).size}`);
  });

  it('lists each contact device with its trust in words, and a device without a key cannot be verified', async () => {
    show(READY);
    const items = await screen.findAllByTestId('omemo-device');
    expect(items.map((i) => i.getAttribute('data-trust'))).toEqual(['blind', 'undecided', 'blind']);
    expect(items[1]?.textContent).toContain('New: waiting for you');
    expect(items[1]?.textContent).toContain('not encrypted to it until you decide');
    expect(within(items[2]!).queryByRole('button', { name: 'Mark as verified…' })).toBeNull();
    expect(items[2]?.textContent).toContain('Not seen yet');
  });

  it('compares a pasted fingerprint, and will not verify one that differs', async () => {
    show(READY);
    const [first] = await screen.findAllByTestId('omemo-device');
    const input = within(first!).getByRole('textbox');
    fireEvent.change(input, { target: { value: HEX.toUpperCase().match(/../g)!.join(':') } });
    expect(within(first!).getByRole('status').textContent).toBe('The fingerprints match.');
    fireEvent.change(input, { target: { value: 'ab'.repeat(32) } });
    expect(within(first!).getByRole('alert').textContent).toMatch(/differ.*Do not verify/);
    expect((within(first!).getByRole('button', { name: 'Mark as verified…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks main to verify, then shows the new trust', async () => {
    const fake = show(READY);
    const [first] = await screen.findAllByTestId('omemo-device');
    fireEvent.click(within(first!).getByRole('button', { name: 'Mark as verified…' }));
    await waitFor(() => expect(screen.getAllByTestId('omemo-device')[0]?.getAttribute('data-trust')).toBe('verified'));
    expect(fake.callsOf('setDeviceTrust')).toEqual([{ accountId: ALICE.settings.id, jid: 'bob@example.org', deviceId: 7, trust: 'verified' }]);
  });

  it('says why encryption is off', async () => {
    show({ state: 'off', message: 'This computer offers no protected key store.' });
    expect((await screen.findByTestId('omemo-off')).textContent).toBe('This computer offers no protected key store.');
  });
});

describe('pastedFingerprint', () => {
  it('reads grouped, colon and 05-prefixed hex, and the device\'s own entry of an xmpp: link', () => {
    expect(pastedFingerprint(GROUPED, 7)).toBe(HEX);
    expect(pastedFingerprint(`05${HEX}`, 7)).toBe(HEX);
    expect(pastedFingerprint(`xmpp:bob@example.org?omemo-sid-8=${'a'.repeat(64)};omemo-sid-7=${HEX}`, 7)).toBe(HEX);
    expect(pastedFingerprint(`xmpp:bob@example.org?omemo-sid-8=${'a'.repeat(64)}`, 7)).toBeNull();
    expect(pastedFingerprint('hello', 7)).toBeNull();
  });
});
