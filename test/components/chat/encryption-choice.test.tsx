/**
 * The conversation header's encryption switch and the badge's words for the person's choice (issue 15): a
 * conversation the person turned encryption off in says "Not encrypted (your choice)" whatever its newest message
 * was; the switch asks main (which confirms in its own dialog) and shows what main says was done.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { ConversationEncryptionChoice } from '../../../app/domain/conversation-encryption.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';
import { BobPane } from './pane.js';

installLayoutStubs();

const encrypted: ChatMessage = message({ id: 'e1', body: 'sealed', at: '2012-08-01T10:00:00.000Z', encryption: { kind: 'omemo', device: 1 } });

function open(choice: ConversationEncryptionChoice, set: (next: ConversationEncryptionChoice) => ReturnType<typeof ok<ConversationEncryptionChoice>> | ReturnType<typeof fail>) {
  const fake = fakeApi({
    loadHistory: () => ok({ messages: [encrypted], complete: true }),
    sendChatState: () => ok(null),
    getConversationEncryption: () => ok(choice),
    setConversationEncryption: ({ choice: next }) => set(next),
  });
  renderWithApi(<BobPane />, fake.api);
  return fake;
}

const badge = () => within(screen.getByTestId('conversation-header')).getByTestId('conversation-encryption');
const toggle = () => within(screen.getByTestId('conversation-header')).getByRole('switch', { name: /Encrypt messages/ });

describe('the conversation encryption switch (issue 15)', () => {
  it('says "Not encrypted (your choice)" in amber when the person chose plaintext, though the newest message was encrypted', async () => {
    open('plaintext', (next) => ok(next));
    await waitFor(() => expect(badge().textContent).toBe('Not encrypted (your choice)'));
    expect(badge().className).toContain('badge--amber');
    expect(badge().dataset['state']).toBe('chosen-plain');
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    expect(toggle().textContent).toBe('Encrypt messages: Off');
    // Under the badge, beside the contact's address, as a real button the keyboard reaches.
    expect(toggle().tagName).toBe('BUTTON');
    expect(toggle().closest('.conversation-header__who')).toBe(badge().closest('.conversation-header__who'));
    expect(toggle().closest('.conversation-header__detail-row')).not.toBeNull();
  });

  it('turns encryption off through main, and the badge follows what main says was done', async () => {
    const fake = open('default', (next) => ok(next));
    await waitFor(() => expect(badge().textContent).toBe('Encrypted'));
    expect(toggle().getAttribute('aria-checked')).toBe('true');
    fireEvent.click(toggle());
    await waitFor(() => expect(badge().textContent).toBe('Not encrypted (your choice)'));
    expect(fake.callsOf('setConversationEncryption')).toEqual([{ accountId: expect.any(String), peer: 'bob@example.org', choice: 'plaintext' }]);
    expect(toggle().textContent).toBe('Encrypt messages: Off');
    fireEvent.click(toggle());
    await waitFor(() => expect(badge().textContent).toBe('Encrypted'));
    expect(fake.callsOf('setConversationEncryption').map((c) => c.choice)).toEqual(['plaintext', 'default']);
  });

  it('stays on and says why when main refused (not confirmed in its dialog)', async () => {
    open('default', () => fail('failed', "Not confirmed in Hostproof's own dialog, so nothing was changed."));
    await waitFor(() => expect(badge().textContent).toBe('Encrypted'));
    fireEvent.click(toggle());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Not confirmed'));
    expect(toggle().getAttribute('aria-checked')).toBe('true');
    expect(badge().textContent).toBe('Encrypted');
  });
});
