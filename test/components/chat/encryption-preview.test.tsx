import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ComposeModeBar } from '../../../renderer/src/chat/ComposeModeBar.js';
import { ConversationList } from '../../../renderer/src/chat/ConversationList.js';
import type { ConversationEntry } from '../../../renderer/src/chat/conversations-reducer.js';
import { MessageActionsContext, type MessageActions } from '../../../renderer/src/chat/message-actions.js';
import { ReplyQuote } from '../../../renderer/src/chat/ReplyQuote.js';
import { message } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const NOW = Date.parse('2012-09-01T18:00:00.000Z');
const entry = (peer: string, last: Partial<Parameters<typeof message>[0]>): ConversationEntry => ({
  accountId: ACCOUNT_ID,
  peer,
  lastMessage: message({ id: `m-${peer}`, peer, at: '2012-09-01T12:03:00.000Z', ...last }),
  unread: 0,
});

describe('the conversation list with encrypted messages (issue 15)', () => {
  it('says an undecryptable newest message could not be decrypted instead of an empty preview, and shows a readable one as it is', () => {
    const conversations = [
      entry('a@example.org', { body: '', encryption: { kind: 'undecryptable', reason: 'not-for-this-device', device: 99 } }),
      entry('b@example.org', { body: 'see you at noon', encryption: { kind: 'omemo', device: 12 } }),
    ];
    render(<ConversationList conversations={conversations} open={null} onOpen={() => undefined} nameOf={(_a, address) => address} accountLabel={null} now={NOW} />);
    const [unreadable, readable] = screen.getAllByTestId('conversation');
    expect(unreadable?.querySelector('.conversation__preview')?.textContent).toBe('Encrypted message could not be decrypted');
    expect(readable?.querySelector('.conversation__preview')?.textContent).toBe('see you at noon');
  });
});

describe('quoting a message that could not be decrypted (issue 15)', () => {
  const original = message({ id: 'u1', stanzaId: 's-u1', body: '', encryption: { kind: 'undecryptable', reason: 'no-session', device: 5 } });

  it('a reply to it quotes "Encrypted message could not be decrypted", not an empty line', () => {
    const actions: MessageActions = {
      startReply: () => undefined,
      startEdit: () => undefined,
      retract: () => undefined,
      react: () => undefined,
      findByRef: (ref) => (ref === 's-u1' ? original : undefined),
      jumpTo: () => undefined,
      ownJid: 'me@example.org',
      nameOf: () => 'Bob',
    };
    render(
      <MessageActionsContext value={actions}>
        <ReplyQuote replyTo={{ id: 's-u1', to: null, fallback: null }} />
      </MessageActionsContext>,
    );
    expect(screen.getByTestId('reply-quote').querySelector('.reply-quote__text')?.textContent).toBe('Encrypted message could not be decrypted');
  });

  it('replying to it says so above the composer', () => {
    render(<ComposeModeBar mode={{ kind: 'reply', message: original }} nameOf={() => 'Bob'} onCancel={() => undefined} />);
    expect(screen.getByTestId('compose-mode').textContent).toContain('Replying to Bob: Encrypted message could not be decrypted');
  });
});
