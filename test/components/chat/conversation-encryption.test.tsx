import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { conversationEncryption } from '../../../renderer/src/chat/conversation-encryption.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { BobPane } from './pane.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const AT = Date.parse('2012-08-01T10:00:00.000Z');
let n = 0;
const next = (extra: Partial<ChatMessage> = {}) => {
  n += 1;
  return message({ id: `e${n}`, body: `body ${n}`, at: new Date(AT + n * 60_000).toISOString(), ...extra });
};
const omemo = (extra: Partial<ChatMessage> = {}) => next({ encryption: { kind: 'omemo', device: 1 }, ...extra });
const plain = (extra: Partial<ChatMessage> = {}) => next(extra);
const undecryptable = () => next({ body: '', encryption: { kind: 'undecryptable', reason: 'no-session', device: 2 } });

describe('conversationEncryption (issue 15)', () => {
  it('is "plain" for a conversation with no messages, or only plaintext ones', () => {
    expect(conversationEncryption([])).toBe('plain');
    expect(conversationEncryption([plain(), plain({ direction: 'out', state: 'sent' })])).toBe('plain');
  });

  it('is decided by the newest message, sent or received, whatever came before', () => {
    expect(conversationEncryption([plain(), omemo()])).toBe('encrypted');
    expect(conversationEncryption([plain(), omemo({ direction: 'out', state: 'sent' })])).toBe('encrypted');
    expect(conversationEncryption([omemo(), omemo(), plain()])).toBe('plain');
  });

  it('passes over messages that could not be decrypted: the newest one that was read decides', () => {
    expect(conversationEncryption([omemo(), undecryptable(), undecryptable()])).toBe('encrypted');
    expect(conversationEncryption([plain(), undecryptable()])).toBe('plain');
  });

  it('is "encrypted" when every message could not be decrypted: the contact did write encrypted', () => {
    expect(conversationEncryption([undecryptable(), undecryptable()])).toBe('encrypted');
  });
});

describe('the conversation header says whether it is encrypted (issue 15)', () => {
  function open(messages: readonly ChatMessage[]) {
    renderWithApi(<BobPane />, fakeApi({ loadHistory: () => ok({ messages, complete: true }), sendChatState: () => ok(null) }).api);
  }

  it('shows a green "Encrypted" badge beside the name when the newest messages were OMEMO', async () => {
    open([plain(), omemo()]);
    const header = screen.getByTestId('conversation-header');
    await waitFor(() => expect(within(header).getByTestId('conversation-encryption').dataset['state']).toBe('encrypted'));
    const badge = within(header).getByTestId('conversation-encryption');
    expect(badge.textContent).toBe('Encrypted');
    expect(badge.className).toContain('badge--green');
    expect(badge.getAttribute('title')).toMatch(/end-to-end encrypted \(OMEMO\)/);
    // Beside the contact's name, not inside the heading.
    expect(within(header).getByRole('heading').textContent).toBe('Bob');
    expect(badge.parentElement).toBe(within(header).getByRole('heading').parentElement);
  });

  it('shows a neutral "Not encrypted" badge when the newest message was plaintext', async () => {
    open([omemo(), plain()]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(2));
    const badge = screen.getByTestId('conversation-encryption');
    expect(badge.textContent).toBe('Not encrypted');
    expect(badge.dataset['state']).toBe('plain');
    expect(badge.className).toContain('badge--neutral');
  });
});
