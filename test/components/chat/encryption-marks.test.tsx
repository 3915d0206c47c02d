import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { encryptionMarks } from '../../../renderer/src/chat/encryption-marks.js';
import { MessageList } from '../../../renderer/src/chat/MessageList.js';
import { toRows } from '../../../renderer/src/chat/message-rows.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const MINUTE = 60_000;
const AT = Date.parse('2012-08-01T10:00:00.000Z');
const OMEMO = { encryption: { kind: 'omemo', device: 4242 } } as const;
const UNDECRYPTABLE = { body: '', encryption: { kind: 'undecryptable', reason: 'no-session', device: 7 } } as const;
const at = (id: string, minutes: number, extra: Partial<ChatMessage> = {}) =>
  message({ id, body: `body ${id}`, at: new Date(AT + minutes * MINUTE).toISOString(), ...extra });

function show(messages: readonly ChatMessage[]) {
  renderWithApi(<MessageList messages={messages} peerName="Bob" complete loading={false} onReachTop={() => undefined} />, fakeApi({}).api);
}

const article = (id: string) => {
  const found = screen.getAllByTestId('message').find((a) => a.textContent?.includes(`body ${id}`));
  if (!found) throw new Error(`no message ${id}`);
  return found;
};
const lockOf = (id: string) => within(article(id)).queryByTestId('message-lock');

describe('encryption marks on messages (issue 15)', () => {
  it('puts a lock named "Encrypted (OMEMO)" in the meta line of an encrypted message, before its time', async () => {
    show([at('a', 0, OMEMO)]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(1));
    const lock = screen.getByRole('img', { name: 'Encrypted (OMEMO)' });
    expect(lock.dataset['state']).toBe('encrypted');
    expect(lock.getAttribute('title')).toBe('Encrypted (OMEMO)');
    // In the meta line, beside the time; the drawing itself is hidden from screen readers.
    const meta = lock.closest('footer');
    expect(meta?.className).toBe('message__meta');
    expect(meta?.querySelector('time')).not.toBeNull();
    expect(lock.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(article('a').getAttribute('aria-label')).toMatch(/, encrypted$/);
  });

  it('marks the plaintext message of a mixed conversation "Not encrypted", and each change between the two', async () => {
    // One group from bob: encrypted, plaintext, encrypted; then ours, plaintext, in a group of its own.
    show([at('a', 0, OMEMO), at('b', 1), at('c', 2, OMEMO), at('d', 3, { direction: 'out', state: 'delivered' })]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(4));
    expect(lockOf('a')?.getAttribute('aria-label')).toBe('Encrypted (OMEMO)');
    expect(lockOf('b')?.getAttribute('aria-label')).toBe('Not encrypted');
    expect(lockOf('b')?.dataset['state']).toBe('plain');
    expect(lockOf('c')?.getAttribute('aria-label')).toBe('Encrypted (OMEMO)');
    expect(lockOf('d')?.getAttribute('aria-label')).toBe('Not encrypted');
    expect(screen.getAllByRole('img', { name: 'Not encrypted' })).toHaveLength(2);
    expect(article('b').getAttribute('aria-label')).toMatch(/, not encrypted$/);
  });

  it('writes the lock once for a run of encrypted messages, under its last, while each says it to a screen reader', async () => {
    show([at('a', 0, OMEMO), at('b', 1, OMEMO), at('c', 2, OMEMO)]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(3));
    expect(screen.getAllByTestId('message-lock')).toHaveLength(1);
    expect(lockOf('c')).not.toBeNull();
    expect(screen.getAllByTestId('message').map((a) => a.getAttribute('aria-label')?.endsWith(', encrypted'))).toEqual([true, true, true]);
  });

  it('marks nothing in a conversation that never was encrypted', async () => {
    show([at('a', 0), at('b', 1, { direction: 'out', state: 'sent' })]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(2));
    expect(screen.queryAllByTestId('message-lock')).toHaveLength(0);
    expect(article('a').getAttribute('aria-label')).not.toMatch(/encrypted/);
  });

  it('counts an undecryptable message as encryption (plaintext beside it is marked), but gives it no lock itself', () => {
    const marks = encryptionMarks(toRows([at('a', 0, UNDECRYPTABLE), at('b', 1)]));
    expect(marks).toEqual([
      { mark: null, shown: false },
      { mark: 'plain', shown: true },
    ]);
  });
});
