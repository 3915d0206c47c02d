/**
 * Messages from a device the person distrusts, or has not decided on, are marked in words (issue 15): decrypting
 * a message proves which device wrote it, not that the person trusts that device. The mark follows the device's
 * current trust as main lists it, and changes when main tells of a decision, without a new message.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { DeviceTrust } from '../../../app/domain/device-trust.js';
import type { OmemoDeviceView } from '../../../app/domain/omemo-devices.js';
import { ok } from '../../../app/ipc/result.js';
import { encryptionMarks } from '../../../renderer/src/chat/encryption-marks.js';
import { toRows } from '../../../renderer/src/chat/message-rows.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message, PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { BobPane } from './pane.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const ME = 'alice@example.com'; // the fixture account's address
const AT = Date.parse('2012-08-01T10:00:00.000Z');
const from = (id: string, minutes: number, device: number | null, extra: Partial<ChatMessage> = {}) =>
  message({ id, body: `body ${id}`, at: new Date(AT + minutes * 60_000).toISOString(), encryption: { kind: 'omemo', device }, ...extra });
const device = (jid: string, deviceId: number, trust: DeviceTrust): OmemoDeviceView => ({
  jid,
  deviceId,
  fingerprint: null,
  trust,
  firstSeen: '2012-08-01T00:00:00.000Z',
  decidedAt: null,
});

const article = (id: string) => {
  const found = screen.getAllByTestId('message').find((a) => a.textContent?.includes(`body ${id}`));
  if (!found) throw new Error(`no message ${id}`);
  return found;
};
const lockOf = (id: string) => within(article(id)).queryByTestId('message-lock');

function open(messages: readonly ChatMessage[], devices: () => readonly OmemoDeviceView[]) {
  const fake = fakeApi({
    loadHistory: () => ok({ messages, complete: true }),
    sendChatState: () => ok(null),
    listOmemoDevices: () => ok({ state: 'ready', own: { deviceId: 1, fingerprint: '05aa', uri: 'xmpp:alice@example.com' }, devices: devices() }),
  });
  renderWithApi(<BobPane />, fake.api);
  return fake;
}

describe('messages from a device the person distrusts or has not decided on (issue 15)', () => {
  it('writes the warning under each such message, and the plain lock for the trusted device', () => {
    const trust = new Map<number, DeviceTrust>([
      [11, 'distrusted'],
      [22, 'undecided'],
      [33, 'verified'],
    ]);
    const messages = [from('a', 0, 11), from('b', 1, 11), from('c', 2, 22), from('d', 3, 33), from('e', 4, 33)];
    const marks = encryptionMarks(toRows(messages), (m) => (m.encryption?.kind === 'omemo' && m.encryption.device !== null ? trust.get(m.encryption.device) : undefined));
    expect(marks).toEqual([
      // One run from bob: the warnings are not left to a later message of it; the trusted lock is, as before.
      { mark: 'distrusted-device', shown: true },
      { mark: 'distrusted-device', shown: true },
      { mark: 'undecided-device', shown: true },
      { mark: 'encrypted', shown: false },
      { mark: 'encrypted', shown: true },
    ]);
  });

  it("marks a message by its device's trust as main lists it, and follows a decision main tells of", async () => {
    let distrusted: DeviceTrust = 'distrusted';
    const fake = open(
      [from('a', 0, 11), from('b', 5, 22), from('c', 10, 44, { direction: 'out', state: 'sent', carbon: true }), from('d', 15, null, { direction: 'out', state: 'sent' })],
      () => [device(PEER, 11, distrusted), device(PEER, 22, 'undecided'), device(PEER, 44, 'blind'), device(ME, 44, 'distrusted')],
    );
    await waitFor(() => expect(lockOf('a')?.dataset['state']).toBe('distrusted-device'));
    // In words on the page, not only in the hover text.
    expect(lockOf('a')?.textContent).toBe('Encrypted by a device you distrust');
    expect(lockOf('a')?.getAttribute('aria-label')).toBe('Encrypted by a device you distrust');
    expect(article('a').getAttribute('aria-label')).toMatch(/, encrypted by a device you distrust$/);
    expect(lockOf('b')?.textContent).toBe('Encrypted by a device you have not decided on');
    expect(lockOf('b')?.dataset['state']).toBe('undecided-device');
    // Our other device's copy is judged by our own account's device 44, not bob's device of that number.
    expect(lockOf('c')?.dataset['state']).toBe('distrusted-device');
    // Written here: no device named, the plain lock.
    expect(lockOf('d')?.dataset['state']).toBe('encrypted');
    expect(fake.callsOf('listOmemoDevices')).toEqual([{ accountId: ACCOUNT_ID }]);

    // Another account's decision is not this conversation's.
    distrusted = 'blind';
    fake.emit('omemoDevicesUndecided', { accountId: OTHER_ACCOUNT_ID, peer: PEER, devices: [] });
    expect(fake.callsOf('listOmemoDevices')).toHaveLength(1);
    // The person trusted device 11 in the trust center: main tells, the window asks again, the mark goes.
    fake.emit('omemoDevicesUndecided', { accountId: ACCOUNT_ID, peer: PEER, devices: [{ deviceId: 22, fingerprint: null }] });
    await waitFor(() => expect(lockOf('a')?.dataset['state']).toBe('encrypted'));
    expect(lockOf('a')?.textContent).toBe('');
    expect(lockOf('b')?.dataset['state']).toBe('undecided-device');
  });

  it('says only "encrypted" when the trust cannot be read (OMEMO off, the request failed)', async () => {
    const failing = fakeApi({ loadHistory: () => ok({ messages: [from('a', 0, 11)], complete: true }), sendChatState: () => ok(null) });
    renderWithApi(<BobPane />, failing.api);
    await waitFor(() => expect(failing.callsOf('listOmemoDevices')).toHaveLength(1));
    expect(lockOf('a')?.dataset['state']).toBe('encrypted');
  });

  it('asks nothing in a conversation whose messages name no sending device', async () => {
    const fake = open([message({ id: 'p', body: 'body p' })], () => []);
    await screen.findByText('body p');
    expect(fake.callsOf('listOmemoDevices')).toEqual([]);
  });
});
