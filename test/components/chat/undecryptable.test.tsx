import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UNDECRYPTABLE_REASONS, type ChatMessage, type UndecryptableReason } from '../../../app/domain/chat.js';
import { undecryptableText } from '../../../renderer/src/chat/encryption-text.js';
import { MessageList } from '../../../renderer/src/chat/MessageList.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const undecryptable = (reason: UndecryptableReason, device: number | null, extra: Partial<ChatMessage> = {}) =>
  message({ id: `u-${reason}`, body: '', encryption: { kind: 'undecryptable', reason, device }, ...extra });

function show(messages: readonly ChatMessage[]) {
  renderWithApi(<MessageList messages={messages} peerName="Bob" complete loading={false} onReachTop={() => undefined} />, fakeApi({}).api);
}

/** What each reason says, with the sender's device 31337 known. */
const WITH_DEVICE: Record<UndecryptableReason, string> = {
  'not-for-this-device':
    "This message was encrypted by the sender's device 31337, but not for this device. It can be read on the sender's other devices or once they know this one.",
  'no-session':
    "This message could not be decrypted: the encrypted session with the sender's device 31337 is broken. Hostproof asked it to start a new one; later messages should arrive.",
  'bad-message':
    "This message could not be decrypted: the encrypted session with the sender's device 31337 is broken. Hostproof asked it to start a new one; later messages should arrive.",
  'untrusted-device': 'This message could not be decrypted: it came from a device you do not trust (device 31337).',
  malformed: "This message could not be decrypted: it was damaged on the way. It came from the sender's device 31337.",
  'not-set-up': "This message could not be decrypted: encryption is not set up on this device yet. It came from the sender's device 31337.",
};

/** The same, when the message did not say which device sent it. */
const WITHOUT_DEVICE: Record<UndecryptableReason, string> = {
  'not-for-this-device': "This message was encrypted, but not for this device. It can be read on the sender's other devices or once they know this one.",
  'no-session':
    "This message could not be decrypted: the encrypted session with the sender's device is broken. Hostproof asked it to start a new one; later messages should arrive.",
  'bad-message':
    "This message could not be decrypted: the encrypted session with the sender's device is broken. Hostproof asked it to start a new one; later messages should arrive.",
  'untrusted-device': 'This message could not be decrypted: it came from a device you do not trust.',
  malformed: 'This message could not be decrypted: it was damaged on the way.',
  'not-set-up': 'This message could not be decrypted: encryption is not set up on this device yet.',
};

describe('a message that could not be decrypted (issue 15)', () => {
  it.each(UNDECRYPTABLE_REASONS)('says in plain words why (%s), naming the device, as a note instead of the empty body', async (reason) => {
    show([undecryptable(reason, 31337)]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(1));
    const bubble = screen.getByTestId('message');
    const notice = within(bubble).getByRole('note');
    expect(notice.textContent).toBe(WITH_DEVICE[reason]);
    expect(notice.dataset['reason']).toBe(reason);
    expect(within(bubble).queryByTestId('message-body')).toBeNull();
    // It was encrypted, but its notice says so: no lock that would suggest it can be read.
    expect(within(bubble).queryByTestId('message-lock')).toBeNull();
    expect(bubble.className).toContain('message--undecryptable');
  });

  it.each(UNDECRYPTABLE_REASONS)('words %s without a device when the message named none', (reason) => {
    expect(undecryptableText(reason, null)).toBe(WITHOUT_DEVICE[reason]);
  });

  it('shows the words as text, whatever the (empty by design) body would hold', async () => {
    show([undecryptable('malformed', null, { body: '<b>fallback from the server</b>' })]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(1));
    expect(screen.queryByText(/fallback from the server/)).toBeNull();
    expect(screen.getByRole('note').textContent).toBe(WITHOUT_DEVICE.malformed);
  });
});
