import { useMemo, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import type { MessageActions } from './message-actions.js';
import type { Conversation } from './use-conversation.js';

/** What the composer is doing beyond writing a new message. */
export type ComposeMode = { readonly kind: 'edit' | 'reply'; readonly message: ChatMessage } | null;

/** Our last message that can still be edited: sent, not removed. */
export function lastEditable(messages: readonly ChatMessage[]): ChatMessage | undefined {
  return messages.findLast((m) => m.direction === 'out' && m.state !== 'queued' && m.state !== 'failed' && m.changes?.retracted !== true);
}

/**
 * Corrections, replies, reactions and retractions of one open conversation (issue 14): the actions the
 * message menus use, and the composer's mode (editing our message or replying to one).
 */
export function useMessageChanges(api: HostproofApi, accountId: AccountId, peer: string, ownJid: string, name: string, conversation: Conversation) {
  const [mode, setMode] = useState<ComposeMode>(null);
  const [jump, setJump] = useState<{ id: string; n: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { messages, replace, sent, send } = conversation;

  const change = async (message: ChatMessage, body: Parameters<HostproofApi['changeMessage']>[0]['change']): Promise<boolean> => {
    const result = await request(() => api.changeMessage({ accountId, peer, id: message.id, change: body }));
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    setError(null);
    replace(result.value);
    return true;
  };

  const actions: MessageActions = useMemo(
    () => ({
      ownJid,
      nameOf: (jid) => (jid === ownJid ? 'You' : jid === peer ? name || peer : jid),
      startReply: (message) => setMode({ kind: 'reply', message }),
      startEdit: (message) => setMode({ kind: 'edit', message }),
      retract: (message) => void change(message, { kind: 'retract' }),
      react: (message, emojis) => void change(message, { kind: 'react', emojis: [...emojis] }),
      findByRef: (ref) => messages.find((m) => m.stanzaId === ref || m.originId === ref),
      jumpTo: (id) => setJump((last) => ({ id, n: (last?.n ?? 0) + 1 })),
    }),
    // change closes over replace and request only, both stable for the conversation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ownJid, peer, name, messages],
  );

  const onSend = async (body: string): Promise<boolean> => {
    if (mode?.kind === 'edit') {
      const done = await change(mode.message, { kind: 'correct', body });
      if (done) setMode(null);
      return done;
    }
    if (mode?.kind === 'reply') {
      const result = await request(() => api.sendReply({ accountId, to: peer, body, replyTo: mode.message.id }));
      if (!result.ok) {
        setError(`Your reply was not sent: ${result.message}`);
        return false;
      }
      setMode(null);
      setError(null);
      sent(result.value);
      return true;
    }
    return send(body);
  };

  const editLast = () => {
    const last = lastEditable(messages);
    if (last) setMode({ kind: 'edit', message: last });
  };

  return {
    actions,
    mode,
    error,
    jump,
    onSend,
    editLast,
    cancel: () => setMode(null),
    prefill: mode?.kind === 'edit' ? { key: mode.message.id, text: mode.message.body } : null,
  };
}
