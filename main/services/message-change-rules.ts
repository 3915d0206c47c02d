/**
 * Whether and how a correction (XEP-0308), retraction (XEP-0424) or reactions (XEP-0444) change the message
 * they name, as a pure function. The sender rule: in a 1:1 conversation a message 'in' was written by the
 * contact and one 'out' by our own account, so a change may correct or retract only a message of its own
 * direction (the contact cannot edit ours, and a carbon of our other device cannot edit theirs). Anyone in
 * the conversation may react to any message in it.
 *
 * issue 15: OMEMO. A correction of a message that came encrypted must come encrypted too: in plaintext its text is
 * not authenticated (the server could have written it) and would be shown as the encrypted message's. A message
 * that could not be decrypted is not corrected (its body stays empty in the history: main/store/messages).
 * Retractions and reactions carry no text, and the clients in use send them unencrypted: they apply as before.
 */
import type { ChatMessage } from '../../app/domain/chat.js';
import { NO_CHANGES, type MessageChanges } from '../../app/domain/message-changes.js';
import type { IncomingChange } from '../xmpp/features/message-changes/incoming-change.js';

/** The earlier versions kept per message: enough to see what changed, bounded against a flood of edits. */
export const MAX_EARLIER_VERSIONS = 50;

export type ChangeOutcome =
  | { readonly kind: 'changed'; readonly message: ChatMessage }
  /** Already applied (the same change again, through a carbon or the archive): nothing to do. */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly reason: string };

/** `ownJid`: our bare JID, the sender of our own reactions. */
export function applyChange(target: ChatMessage, { change, message }: IncomingChange, ownJid: string): ChangeOutcome {
  const changes: MessageChanges = target.changes ?? NO_CHANGES;
  if (target.peer !== message.peer) return { kind: 'refused', reason: 'a change for another conversation' };
  if (change.kind === 'reactions') {
    const sender = message.direction === 'in' ? message.peer : ownJid;
    const others = changes.reactions.filter((r) => r.sender !== sender);
    const before = changes.reactions.find((r) => r.sender === sender)?.emojis ?? [];
    if (before.length === change.emojis.length && before.every((e, i) => e === change.emojis[i])) return { kind: 'unchanged' };
    const reactions = change.emojis.length === 0 ? others : [...others, { sender, emojis: change.emojis }];
    return { kind: 'changed', message: { ...target, changes: { ...changes, reactions } } };
  }
  if (target.direction !== message.direction) return { kind: 'refused', reason: `a ${change.kind} from someone other than the sender` };
  if (changes.retracted) return { kind: 'unchanged' };
  if (change.kind === 'retraction') {
    // Removed means removed: the text and its earlier versions are not kept (the sender asked for it gone).
    return { kind: 'changed', message: { ...target, body: '', changes: { ...changes, earlier: [], retracted: true } } };
  }
  if (target.encryption?.kind === 'undecryptable') return { kind: 'refused', reason: 'a correction of a message that could not be decrypted' };
  if (target.encryption?.kind === 'omemo' && message.encryption?.kind !== 'omemo') return { kind: 'refused', reason: 'a correction of an encrypted message that was not encrypted' };
  const by = message.stanzaId ?? message.originId;
  if (change.body === target.body || (by !== null && changes.earlier.some((v) => v.by === by))) return { kind: 'unchanged' };
  const earlier = [...changes.earlier, { body: target.body, replacedAt: message.at, by }].slice(-MAX_EARLIER_VERSIONS);
  return { kind: 'changed', message: { ...target, body: change.body, changes: { ...changes, earlier } } };
}
