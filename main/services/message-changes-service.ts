/**
 * Corrections, retractions, reactions and replies of one account's 1:1 conversations (issue 14): incoming
 * changes (live, carbons, archive) are applied to the stored message they name and the window is told
 * (messageChanged); our own are sent and applied the same way. The rules are message-change-rules.ts.
 *
 * A correction naming a message we do not have arrives live as a new message (its text was meant to be
 * read; clients without XEP-0308 show it that way too); from the archive it is left out (archive pages are
 * read newest first, so its original is usually on a page not read yet, and it would show twice).
 *
 * issue 15: OMEMO. Nothing of an encrypted message's text leaves in plaintext through here: a correction of one is
 * sent encrypted (encrypted-correction.ts) or refused in words, and a reply quotes an encrypted original only when
 * the reply itself is sent encrypted. Retractions and reactions carry no text and go in the clear, as every OMEMO
 * client sends them (the axolotl version encrypts only the body).
 */
import type { ChatMessage } from '../../app/domain/chat.js';
import type { EventPayloads } from '../../app/ipc/contract.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import { correctionStanza, encryptedCorrectionStanza, reactionsStanza, replyFallback, retractionStanza } from '../xmpp/features/message-changes/change-stanzas.js';
import type { IncomingChange } from '../xmpp/features/message-changes/incoming-change.js';
import type { ChangePart } from '../xmpp/features/message-changes/read-changes.js';
import type { Element } from '@xmpp/xml';
import type { ConversationStore } from './conversation-store.js';
import { applyChange } from './message-change-rules.js';
import { correctionRefusal, sealCorrection } from './encrypted-correction.js';
import type { EncryptFor } from '../xmpp/features/outgoing-stanza.js';

/** What the window may ask to do to one of the conversation's messages. */
export type ChangeRequest =
  | { readonly kind: 'correct'; readonly body: string }
  | { readonly kind: 'retract' }
  | { readonly kind: 'react'; readonly emojis: readonly string[] };

export interface MessageChangesDeps {
  readonly ownJid: string;
  readonly store: Pick<ConversationStore, 'byRef' | 'byId' | 'saveChanges'>;
  readonly emit: (event: 'messageChanged', payload: EventPayloads['messageChanged']) => void;
  /** Shows a message as new (a live correction of a message we do not have). */
  readonly record: (message: ChatMessage) => void;
  /** Sends a stanza now; throws a UserFacingError when the account is not online. */
  readonly send: (stanza: Element) => Promise<void>;
  readonly ids: () => string;
  readonly now: () => Date;
  readonly log: FeatureLog;
  /** issue 15: OMEMO. Encrypts a correction of an encrypted message (chat-omemo.ts); null: the account has no OMEMO. */
  readonly encryptFor: EncryptFor | null;
}

export interface MessageChanges {
  received(incoming: IncomingChange, source: 'live' | 'archive'): void;
  /** Changes one of the conversation's messages (ours for correct and retract) and tells the contact. */
  change(peer: string, id: string, request: ChangeRequest): Promise<ChatMessage>;
  /**
   * What a reply to the message `id` names, with the quote for clients without replies. `sealed`: the reply will
   * be sent encrypted (issue 15); otherwise an encrypted original is named without its text.
   */
  replyTarget(peer: string, id: string, sealed?: boolean): NonNullable<ChatMessage['replyTo']>;
}

export function createMessageChanges(deps: MessageChangesDeps): MessageChanges {
  const { ownJid, store, emit, log } = deps;

  function apply(target: ChatMessage, incoming: IncomingChange): ChatMessage | null {
    const outcome = applyChange(target, incoming, ownJid);
    if (outcome.kind === 'refused') log({ feature: 'messages', reason: outcome.reason, from: incoming.message.peer });
    if (outcome.kind !== 'changed') return null;
    store.saveChanges(outcome.message);
    emit('messageChanged', outcome.message);
    return outcome.message;
  }

  function ours(peer: string, id: string): ChatMessage {
    const target = store.byId(id);
    if (target === null || target.peer !== peer) throw new UserFacingError('That message is no longer in this conversation.');
    return target;
  }

  const refOf = (target: ChatMessage): string => {
    const ref = target.stanzaId ?? target.originId;
    if (ref === null) throw new UserFacingError('That message cannot be changed: it has no id the contact knows it by.');
    return ref;
  };

  return {
    received(incoming, source) {
      const target = store.byRef(incoming.message.peer, incoming.change.ref);
      if (target !== null) {
        apply(target, incoming);
        return;
      }
      if (incoming.change.kind === 'correction' && source === 'live') {
        deps.record(incoming.message);
        return;
      }
      log({ feature: 'messages', reason: `a ${incoming.change.kind} of a message we do not have`, from: incoming.message.peer });
    },
    async change(peer, id, request) {
      const target = ours(peer, id);
      if (request.kind !== 'react' && target.direction !== 'out') throw new UserFacingError('Only your own messages can be edited or removed.');
      if (target.changes?.retracted === true) throw new UserFacingError('That message was removed.');
      if (target.state === 'queued') throw new UserFacingError('That message has not been sent yet. Try again once it has.');
      // issue 15: OMEMO. A message from our other device that could not be decrypted here has no text to correct.
      if (request.kind === 'correct' && target.encryption?.kind === 'undecryptable') throw correctionRefusal('undecryptable');
      const ref = refOf(target);
      const changeId = deps.ids();
      const change: ChangePart =
        request.kind === 'correct'
          ? { kind: 'correction', ref, body: request.body }
          : request.kind === 'retract'
            ? { kind: 'retraction', ref }
            : { kind: 'reactions', ref, emojis: [...new Set(request.emojis)] };
      // issue 15: OMEMO. A correction of an encrypted message is encrypted (or refused): never its text in the clear.
      const sealed = change.kind === 'correction' && target.encryption?.kind === 'omemo';
      const stanza =
        change.kind === 'correction'
          ? sealed
            ? encryptedCorrectionStanza(peer, changeId, ref, await sealCorrection(deps.encryptFor, peer, change.body))
            : correctionStanza(peer, changeId, ref, change.body)
          : change.kind === 'retraction'
            ? retractionStanza(peer, changeId, ref)
            : reactionsStanza(peer, changeId, ref, change.emojis);
      await deps.send(stanza);
      const { encryption: _original, ...rest } = target;
      const message: ChatMessage = {
        ...rest,
        id: changeId,
        direction: 'out',
        body: change.kind === 'correction' ? change.body : '',
        at: deps.now().toISOString(),
        stanzaId: changeId,
        originId: changeId,
        // How the change itself travelled: message-change-rules.ts accepts a correction of an encrypted message only sealed.
        ...(sealed ? { encryption: { kind: 'omemo', device: null } } : {}),
      };
      return apply(target, { change, message }) ?? target;
    },
    replyTarget(peer, id, sealed = false) {
      const original = ours(peer, id);
      const author = original.direction === 'in' ? original.peer : ownJid;
      // issue 15: OMEMO. The quote of an encrypted message in a plaintext reply would send its text in the clear.
      if (original.encryption !== undefined && !sealed) return { id: refOf(original), to: author, fallback: null };
      return { id: refOf(original), to: author, fallback: replyFallback(author, original.changes?.retracted === true ? '' : original.body) };
    },
  };
}
