/**
 * One-to-one chat messages: sending (with XEP-0359 origin-id, a XEP-0184 receipt request and XEP-0085
 * `<active/>`), receiving, error replies, delivery receipts both ways, chat states both ways, and
 * duplicate suppression. Carbon copies reach this module through `acceptCarbon` after carbons.ts has
 * checked the wrapper; archive results never do (archive.ts builds them, and archived messages get no
 * receipts, XEP-0184 §4.5).
 *
 * issue 15: OMEMO. An encrypted message is opened by the injected OpenEncrypted before it is handled (and
 * handled in the order messages arrived: in-arrival-order.ts); one that cannot be opened becomes a message
 * saying so, with an empty body, never its fallback text. Without OpenEncrypted every one is 'not-set-up'.
 */
import { xml, type Element } from '@xmpp/xml';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage, ChatState, MessageState } from '../../../app/domain/chat.js';
import { setBounded } from './bounded.js';
import { createChatStatePolicy } from './chat-state-policy.js';
import type { MessageDedupe } from './dedupe.js';
import { displayTime } from './delay.js';
import { createEmitter, type Events } from './emitter.js';
import { guarded, listenerFailure, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { jidOrNull, requireBareJid } from '../../../app/domain/address/jid.js';
import { chatStanza, composeChatMessage } from './outgoing-message.js';
import { NS } from './namespaces.js';
import { isWrapper, parseMessage, type ParsedMessage } from './parse-message.js';
import { describeStanzaError } from './stanza-error.js';
import { isStanza } from './stanza-read.js';
import { fileLink } from './oob.js';
import type { IncomingChange } from './message-changes/incoming-change.js';
import type { OpenEncrypted } from './encrypted-part.js';
import { readEncrypted, type Readable } from './read-encrypted.js';
import { createInArrivalOrder } from './in-arrival-order.js';

export interface MessageUpdate {
  readonly accountId: AccountId;
  /** The local id of our message. */
  readonly id: string;
  readonly state: MessageState;
  readonly error: string | null;
}

export interface MessageEvents {
  /** A new message: incoming, or a carbon copy of either direction. Never a duplicate. */
  message: ChatMessage;
  /** One of our messages was delivered (receipt) or failed (error reply). */
  updated: MessageUpdate;
  chatState: { readonly peer: string; readonly state: ChatState };
  // issue 14: message changes. A correction, retraction or reactions (never a duplicate); not a new message.
  change: IncomingChange;
}

export interface MessagesDeps extends FeatureDeps {
  /**
   * XEP-0184 §6: a receipt tells the sender we are online, so we answer receipt requests only from those
   * allowed to see our presence. Wire it to the roster (subscription 'from' or 'both').
   */
  readonly mayAcknowledge: (peer: string) => boolean;
  /** Shared with archive.ts, so history pages leave out what already arrived live. */
  readonly dedupe: MessageDedupe;
  /** issue 15: OMEMO. Decrypts incoming encrypted messages; absent: they are shown as not readable ('not-set-up'). */
  readonly openEncrypted?: OpenEncrypted;
}

export type ChatStateOutcome = 'sent' | 'not-supported' | 'repeated';
export type CarbonDirection = 'received' | 'sent';

export interface Messages extends Events<MessageEvents> {
  /** A new outgoing message in state 'queued', tracked for receipts and errors; nothing is sent yet. */
  compose(to: string, body: string): ChatMessage;
  /**
   * Expects receipts and error replies for a message composed elsewhere (composeChatMessage while offline,
   * or restored from disk) and counts it as already seen. compose() does this itself.
   */
  watch(message: ChatMessage): void;
  /** The stanza for an outgoing message (chatStanza): the same id and origin-id every time. */
  stanzaFor(message: ChatMessage): Element;
  /** compose + send now; answers the message in state 'sent'. */
  send(to: string, body: string): Promise<ChatMessage>;
  /** A standalone chat state, when XEP-0085's rules allow it (see chat-state-policy.ts). */
  sendChatState(to: string, state: ChatState): Promise<ChatStateOutcome>;
  /** The message inside a carbon whose wrapper carbons.ts has already checked. */
  acceptCarbon(inner: Element, direction: CarbonDirection): void;
  // issue 14: message changes: a correction, retraction or reactions stanza (change-stanzas.ts), sent now.
  sendStanza(stanza: Element): Promise<void>;
  dispose(): void;
}

/** How many of our sent messages we remember for receipts and error replies. */
const MAX_TRACKED_OUTGOING = 5_000;

type Context = 'live' | 'carbon-received' | 'carbon-sent';



interface Outgoing {
  readonly localId: string;
  readonly peer: string;
  settled: 'delivered' | 'failed' | null;
}

export function createMessages(deps: MessagesDeps): Messages {
  const { link, accountId, now, ids, log, mayAcknowledge, dedupe } = deps;
  const own = ownJidOf(link);
  const emitter = createEmitter<MessageEvents>(listenerFailure('messages', log));
  const chatStates = createChatStatePolicy();
  let disposed = false;
  const inOrder = createInArrivalOrder((error) =>
    log({ feature: 'messages', reason: `internal error: ${error instanceof Error ? error.message : String(error)}`, from: null }),
  );
  // Keyed by the stanza id the peer will echo in a receipt or an error.
  const outgoing = new Map<string, Outgoing>();

  const track = (message: ChatMessage): void => {
    if (message.stanzaId !== null) setBounded(outgoing, message.stanzaId, { localId: message.id, peer: message.peer, settled: null }, MAX_TRACKED_OUTGOING);
  };
  const update = (record: Outgoing, state: 'delivered' | 'failed', error: string | null): void => {
    record.settled = state;
    emitter.emit('updated', { accountId, id: record.localId, state, error });
  };

  function onReceipt(peer: string, id: string, from: string): void {
    const record = outgoing.get(id);
    // Only the peer we wrote to can confirm delivery; anyone else naming our id is ignored.
    if (record === undefined || record.peer !== peer) {
      log({ feature: 'messages', reason: 'receipt for a message we did not send to this peer', from });
      return;
    }
    if (record.settled !== 'delivered') update(record, 'delivered', null); // several devices may each ack
  }

  function onError(message: ParsedMessage): void {
    const record = message.id === null ? undefined : outgoing.get(message.id);
    if (record === undefined) {
      log({ feature: 'messages', reason: 'error reply for no message of ours', from: message.from.full });
      return;
    }
    // The bounce comes from the peer, the peer's server, or our own server (e.g. remote-server-not-found).
    const peerDomain = jidOrNull(record.peer)?.domain.ascii;
    const fromDomain = message.from.domain.ascii;
    const fromServer = message.from.local === null && (fromDomain === peerDomain || fromDomain === own.domain.ascii);
    if (message.from.bare !== record.peer && !fromServer) {
      log({ feature: 'messages', reason: 'error reply from a third party', from: message.from.full });
      return;
    }
    // A receipt already proved delivery (to some device): a later bounce does not undo it.
    if (record.settled === 'delivered') return;
    update(record, 'failed', describeStanzaError(message.error ?? { condition: 'undefined-condition', text: null }));
  }

  function acknowledge(message: ParsedMessage, peer: string): void {
    if (message.id === null || !mayAcknowledge(peer)) return;
    // XEP-0184 §5: only the <received/> element, same type as the request, no request of our own (no loops).
    const ack = xml('message', { to: message.from.full, id: ids(), type: message.type === 'chat' ? 'chat' : undefined }, xml('received', { xmlns: NS.receipts, id: message.id }));
    link.send(ack).catch((error: unknown) => {
      log({ feature: 'messages', reason: `could not send a receipt: ${error instanceof Error ? error.message : String(error)}`, from: message.from.full });
    });
  }

  function handle({ message, encryption }: Readable, context: Context): void {
    if (message.type === 'error') {
      if (context === 'live') onError(message);
      return;
    }
    if (message.type === 'groupchat' || message.type === 'headline') {
      log({ feature: 'messages', reason: `${message.type} message ignored`, from: message.from.full });
      return;
    }
    const outbound = context === 'carbon-sent';
    const peerJid = outbound ? message.to : message.from;
    if (peerJid === null) {
      log({ feature: 'messages', reason: 'sent carbon without a recipient', from: message.from.full });
      return;
    }
    const peer = peerJid.bare;

    if (!outbound) {
      if (message.receipt.kind === 'received') onReceipt(peer, message.receipt.id, message.from.full);
      chatStates.observeIncoming(peer, message.body !== null || encryption !== undefined, message.chatState);
      if (message.chatState !== null) emitter.emit('chatState', { peer, state: message.chatState });
    }
    // issue 14: files: a link sent with no body is shown by its link; a body that is not the link stays text.
    const shared = fileLink(message);
    // issue 14: message changes. The text shown is without understood fallback text (XEP-0428).
    const { change, replyTo, body: shownBody } = message.changes;
    const body = change?.kind === 'correction' ? change.body : (shownBody ?? shared);
    // issue 15: OMEMO. An unreadable message is still listed, as one: the person knows something arrived.
    const unreadable = encryption?.kind === 'undecryptable';
    if (body === null && change === null && !unreadable) return;

    const duplicate = dedupe.remember(peer, { originId: message.originId, archiveId: message.ourStanzaId, stanzaId: message.id, body: message.body ?? '' });
    // Acked even when it is a duplicate: a resend usually means our first receipt was lost.
    if (context === 'live' && message.receipt.kind === 'request') acknowledge(message, peer);
    if (duplicate) return;

    const chat: ChatMessage = {
      id: ids(),
      accountId,
      peer,
      direction: outbound ? 'out' : 'in',
      body: body ?? '',
      at: displayTime(message.delay, now()),
      state: outbound ? 'sent' : 'received',
      stanzaId: message.id,
      originId: message.originId,
      archiveId: message.ourStanzaId,
      carbon: context !== 'live',
      error: null,
      ...(message.markable ? { markable: true } : {}), // issue 14: read markers
      ...(shared === null ? {} : { oobUrl: shared }), // issue 14: files
      ...(replyTo === null ? {} : { replyTo }),
      ...(encryption === undefined ? {} : { encryption }), // issue 15: OMEMO
    };
    // issue 14: message changes go to the conversation's message, not into the list.
    if (change !== null) {
      emitter.emit('change', { change, message: chat });
      return;
    }
    // Our other device's message can be confirmed by the peer's receipt (reaching us as a carbon) too.
    if (outbound) track(chat);
    emitter.emit('message', chat);
  }

  function accept(stanza: Element, context: Context): void {
    // A private message through a room (XEP-0045 §7.5) is from room@service/nick, not from a contact:
    // rooms/rooms.ts reads it, so it must not become a chat with the room's bare address.
    if (stanza.getChild('x', NS.mucUser) !== undefined) {
      log({ feature: 'messages', reason: 'room private message left to rooms', from: stanza.attrs.from ?? null });
      return;
    }
    // A direct room invitation (XEP-0249) is a request rooms/invitations.ts tells, not a chat line (its body,
    // when it has one, only repeats the room's address for clients that do not know invitations).
    if (stanza.getChild('x', NS.conference) !== undefined) {
      log({ feature: 'messages', reason: 'room invitation left to invitations', from: stanza.attrs.from ?? null });
      return;
    }
    const parsed = parseMessage(stanza, own.bare);
    if (!parsed.ok) {
      log({ feature: 'messages', reason: parsed.reason, from: stanza.attrs.from ?? null });
      return;
    }
    const message = parsed.message;
    // Only chat text is opened: an error bounce echoing our encrypted message, or a room's, is not ours to decrypt.
    if (message.encrypted.kind === 'none' || (message.type !== 'chat' && message.type !== 'normal')) {
      inOrder.run({ message }, (readable) => handle(readable, context));
      return;
    }
    inOrder.run(readEncrypted({ open: deps.openEncrypted ?? null, ownBareJid: own.bare, log }, stanza, message), (readable) => {
      // Decrypted after this session's features were disposed: the next session's archive brings it.
      if (readable !== null && !disposed) handle(readable, context);
    });
  }

  const stopListening = link.onStanza(
    guarded('messages', log, (stanza) => {
      if (!isStanza(stanza, 'message') || isWrapper(stanza)) return;
      accept(stanza, 'live');
    }),
  );

  function compose(to: string, body: string): ChatMessage {
    const message = composeChatMessage({ accountId, now, ids }, to, body);
    watch(message);
    return message;
  }

  /** Expects receipts and error replies for our message, and remembers it against duplicates. */
  function watch(message: ChatMessage): void {
    track(message);
    dedupe.remember(message.peer, { originId: message.originId, archiveId: null, stanzaId: message.stanzaId, body: message.body });
    chatStates.contentSent(message.peer);
  }

  return {
    on: emitter.on,
    compose,
    watch,
    stanzaFor: chatStanza,
    async send(to, body) {
      const message = compose(to, body);
      await link.send(chatStanza(message));
      return { ...message, state: 'sent' };
    },
    async sendChatState(to, state) {
      const peer = requireBareJid(to);
      const check = chatStates.check(peer, state);
      if (check !== 'allowed') return check;
      // XEP-0085 §5.6: a standalone notification carries nothing but the chat state element.
      await link.send(xml('message', { to: peer, type: 'chat', id: ids() }, xml(state, { xmlns: NS.chatStates })));
      chatStates.standaloneSent(peer, state);
      return 'sent';
    },
    acceptCarbon(inner, direction) {
      accept(inner, direction === 'sent' ? 'carbon-sent' : 'carbon-received');
    },
    async sendStanza(stanza) {
      const to = jidOrNull(typeof stanza.attrs.to === 'string' ? stanza.attrs.to : null);
      if (to !== null) chatStates.contentSent(to.bare);
      await link.send(stanza);
    },
    dispose() {
      disposed = true;
      stopListening();
      emitter.clear();
    },
  };
}
