/**
 * One account's chat, across connections: conversations (conversation-store.ts), roster and presence as last
 * seen, and the outgoing queue, which outlive any one stream. When a session comes online the chat features
 * are attached to it; when it drops they are detached and messages written meanwhile wait in the queue (sent
 * once, in order, when the next verified session is up). History pages come from the archive
 * (history-loading.ts).
 *
 * It is the place where one account's features meet (rooms, invitations, blocking, read markers, message
 * changes, avatars, files, OMEMO), so it is longer than most files: each feature's logic is in its own file
 * (account-rooms.ts, account-blocking.ts, read-markers.ts, message-changes-service.ts, avatar-service.ts,
 * file-sharing.ts, omemo/chat-omemo.ts) and this one only wires it to the session's events and the account's
 * requests.
 */
import type { ChatMessage, ChatState, ContactPresence, Show } from '../../app/domain/chat.js';
import type { ConversationSummary } from '../../app/ipc/contract.js';
import { UserFacingError } from '../ipc/handlers.js';
import { createDedupe } from '../xmpp/features/dedupe.js';
import { createFeatureSet, type FeatureSet } from '../xmpp/features/feature-set.js';
import type { FeatureDeps } from '../xmpp/features/feature-deps.js';
import { bareJidOrNull, requireBareJid } from '../../app/domain/address/jid.js';
import { isAesgcmLink } from '../files/aesgcm-file.js'; // issue 15: encrypted files
import { serverKeepsArchive } from '../xmpp/features/archive-support.js';
import { createOutgoingQueue } from '../xmpp/features/outgoing-queue.js';
import { createStanzaFor } from '../xmpp/features/outgoing-stanza.js';
import type { ChatOmemo } from './omemo/chat-omemo.js';
import { composeChatMessage } from '../xmpp/features/outgoing-message.js';
import type { RosterSnapshot } from '../xmpp/features/roster.js';
import { StanzaError } from '../xmpp/link.js';
import type { OnlineSession } from '../xmpp/session/online-session.js';
import type { ChatFeatures } from './chat-features.js';
import { createConversationStore } from './conversation-store.js';
import type { EmitEvent } from './event-sink.js';
import type { MessageDb } from '../store/messages/message-db.js';
import { catchUpWithArchive } from './archive-catch-up.js';
import { loadStoredHistory } from './history-loading.js';
import { createAccountRooms } from './account-rooms.js';
import { createRoomHistory, loadRoomHistory } from './room-history.js';
import { createAccountInvitations, emitNotingJoins } from './room-invitations.js';
// issue 14: avatars and nicknames
import type { AvatarService } from './avatar-service.js';
// issue 14: blocking
import { createAccountBlocking } from './account-blocking.js';
import { createHoldUntilReady } from './hold-until-ready.js';
import { createAccountReadMarkers } from './read-markers.js';
import { createMessageChanges } from './message-changes-service.js';

export interface AccountChat extends ChatFeatures {
  /** A fresh session is online: set everything up on it (roster, carbons, presence, queued messages). */
  attach(session: OnlineSession): Promise<void>;
  /** The stream dropped but may resume: keep the features, hold new messages in the queue. */
  suspend(): void;
  /** The same session continued (XEP-0198): send what waited meanwhile. */
  resume(session: OnlineSession): Promise<void>;
  /** The session is over: drop the features (presence from it no longer holds). */
  detach(): void;
  /** Whether the server keeps a message archive, as learnt at this run's last login; null until known. */
  serverKeepsArchive(): boolean | null;
}

/** What every feature gets (less the link, which comes and goes with sessions), plus the ways out to the user. */
export interface AccountChatDeps extends Omit<FeatureDeps, 'link'> {
  /** The account's bare JID (which rooms are on its own server). */
  readonly accountJid: string;
  /** The local message history, shared by all accounts. */
  readonly messages: MessageDb;
  readonly emit: EmitEvent;
  /** Tells the user something they must know (an appNotice warning), e.g. that the server refused carbons. */
  readonly notice: (text: string) => void;
  /** Told when something the account's view shows has changed (whether the server keeps an archive). */
  readonly changed?: () => void;
  // issue 14: avatars and nicknames
  /** Follows each session's avatar and nickname announcements (avatar-service.ts). */
  readonly avatars?: Pick<AvatarService, 'attach'>;
  /** issue 14: read markers. Whether the person lets us tell contacts we read their messages (asked each time). */
  readonly sendReadMarkers: () => Promise<boolean>;
  /** issue 15: the account's OMEMO (chat-omemo.ts); without it every message is plaintext. */
  readonly omemo?: ChatOmemo;
}

export function createAccountChat(deps: AccountChatDeps): AccountChat {
  const { accountId, emit } = deps;
  const conversations = createConversationStore(deps.messages, accountId);
  const presence = new Map<string, ContactPresence>();
  let roster: RosterSnapshot | null = null;
  let own: { show: Show; status: string | null } = { show: 'online', status: null };
  let features: FeatureSet | null = null;
  let unsubscribe: Array<() => void> = [];
  // One per account, not per session: a message re-delivered after a reconnect (resent, or stored offline
  // after an unacknowledged delivery) is still recognised.
  const dedupe = createDedupe();
  const queue = createOutgoingQueue({ accountId, log: deps.log, stanzaFor: createStanzaFor(deps.omemo?.encryptFor ?? null) }); // issue 15: OMEMO
  queue.on('updated', (update) => updateMessage(update.id, update.state, update.error));
  // Written while offline in an earlier run: still waiting, sent after the next verified login, once.
  for (const message of conversations.queued()) queue.enqueue(message);
  /** Told once until carbons are on again: every reconnect would otherwise repeat it. */
  let carbonsRefusalTold = false;
  /** Learnt at each login (archive-support.ts); without an archive, history is what is stored here. */
  let keepsArchive: boolean | null = null;

  const invitations = createAccountInvitations({
    accountId,
    emit,
    log: deps.log,
    ids: deps.ids,
    now: deps.now,
    online: () => requireOnline(),
    isBlocked: (address) => blocking.isBlocked(address), // issue 14: blocking (called once a session is up)
  });
  // Room messages pass through the local history on their way to the window; a join reads the room's archive.
  const roomHistory = createRoomHistory({ accountId, messages: deps.messages, log: deps.log, archive: () => (features && !suspended ? features.roomArchive : null) });
  const rooms = createAccountRooms({
    accountId,
    accountJid: deps.accountJid,
    // A room joined in any way answers its invitations.
    emit: roomHistory.through(emitNotingJoins(emit, invitations)),
    log: deps.log,
    online: () => requireOnline().rooms,
    onlineBookmarks: () => requireOnline().bookmarks,
  });

  // issue 14: blocking. Nothing from a blocked address reaches the window or the store (account-blocking.ts).
  const blocking = createAccountBlocking({
    accountId,
    emit,
    log: deps.log,
    online: () => requireOnline().blocking,
    // Their last presence no longer holds for us: they are shown offline, as after a block they stay.
    blockedNow: (isBlocked) => {
      for (const jid of [...presence.keys()].filter(isBlocked)) {
        presence.delete(jid);
        emit('presenceChanged', { accountId, presence: { jid, resources: [] } });
      }
    },
  });
  // issue 14: read markers
  const readMarkers = createAccountReadMarkers({ accountId, db: deps.messages, emit, sendEnabled: deps.sendReadMarkers, log: deps.log });
  const shown = (message: ChatMessage) => {
    readMarkers.noteIncoming(message);
    emit('messageReceived', message);
  };

  const record = (message: ChatMessage) => {
    if (message.direction === 'in' && blocking.isBlocked(message.peer)) return; // issue 14: blocking
    // Stored already (a copy that came another way, e.g. after a restart): the window has it.
    if (conversations.add(message)) shown(message);
  };

  // issue 14: message changes. Sent at once (not queued): a change of a message needs the account online.
  const changes = createMessageChanges({
    ownJid: deps.accountJid,
    store: conversations,
    emit,
    record,
    send: (stanza) => requireOnline().messages.sendStanza(stanza),
    ids: deps.ids,
    now: deps.now,
    log: deps.log,
    encryptFor: deps.omemo?.encryptFor ?? null, // issue 15: OMEMO (a correction of an encrypted message)
  });

  function updateMessage(id: string, state: ChatMessage['state'], error: string | null) {
    if (conversations.update(id, state, error)) emit('messageUpdated', { accountId, id, state, error });
  }

  function detachFeatures() {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    // Before dispose: the rooms we were in are joined again by the next session that is not a resumption.
    rooms.detach();
    roomHistory.offline();
    features?.dispose();
    features = null;
    queue.offline();
    // Presence from the last session no longer holds: everyone is offline until told otherwise.
    for (const jid of presence.keys()) emit('presenceChanged', { accountId, presence: { jid, resources: [] } });
    presence.clear();
  }

  const listenedForAcks = new WeakSet<OnlineSession>();
  /** The stream dropped and the account is reconnecting: requests would only wait for a timeout. */
  let suspended = false;
  let lastSession: OnlineSession | null = null;

  /**
   * Hands the queue to a stream. With stream management a message counts as sent only when the server
   * acknowledges it; whatever an ended or unresumed stream never acknowledged is sent again (same id and
   * origin-id, so the receiver can drop a copy that did arrive).
   */
  async function goOnline(session: OnlineSession) {
    suspended = false;
    if (!listenedForAcks.has(session)) {
      session.onAcked((id) => queue.markSent(id));
      listenedForAcks.add(session);
    }
    const lost = [...(lastSession && lastSession !== session ? lastSession.takeUnacknowledged() : []), ...session.takeUnacknowledged()];
    lastSession = session;
    if (lost.length > 0) queue.markUnacked(lost);
    await queue.online(session.link, { acknowledgements: session.acknowledged });
  }

  /** Asks whether the server archives; a change is told to the account's view. An unanswered ask keeps what was known. */
  async function learnArchive(session: OnlineSession, set: FeatureSet): Promise<boolean | null> {
    const has = await serverKeepsArchive(session.link);
    if (features !== set || has === null) return has;
    if (has !== keepsArchive) {
      keepsArchive = has;
      deps.changed?.();
    }
    return has;
  }

  /** Composed here whether or not we are online: the queue sends it now or after the next verified login. */
  /** Composes, stores and queues a message; `extra` makes it a reply (XEP-0461) or a shared file (XEP-0066), issue 14. */
  async function send(to: string, body: string, extra: Pick<ChatMessage, 'replyTo' | 'oobUrl' | 'encryption'> = {}): Promise<ChatMessage> {
    const composed = features ? features.messages.compose(to, body) : composeChatMessage({ accountId, now: deps.now, ids: deps.ids }, to, body);
    // issue 15: OMEMO. Written encrypted when the contact reads encrypted; the queue encrypts it at send time.
    const encryption = 'encryption' in extra ? extra.encryption : await deps.omemo?.encryptionFor(composed.peer);
    const message: ChatMessage = { ...composed, ...extra, ...(encryption === undefined ? {} : { encryption }) };
    conversations.add(message);
    queue.enqueue(message);
    return message;
  }

  const requireOnline = (): FeatureSet => {
    if (!features || suspended) throw new UserFacingError('This account is not online right now. Try again once it has reconnected.');
    return features;
  };

  return {
    attach: async (session) => {
      if (features) detachFeatures();
      const openEncrypted = deps.omemo?.openEncrypted; // issue 15: OMEMO
      const set = createFeatureSet({ link: session.link, accountId, now: deps.now, ids: deps.ids, log: deps.log, preApproval: session.preApproval, dedupe, ...(openEncrypted ? { openEncrypted } : {}) });
      features = set;
      // issue 14: blocking. What contacts send waits until this session's block list is known (offline copies
      // from before a block are then kept out too); a slow or silent server delays only that, never going online.
      const listed = createHoldUntilReady(MAX_HELD_BEFORE_BLOCK_LIST);
      unsubscribe = [
        set.roster.on('changed', (snapshot) => {
          roster = { items: snapshot.items, ver: snapshot.ver };
          emit('rosterChanged', { accountId, items: snapshot.items });
        }),
        set.presence.on('contact', (p) => {
          if (blocking.isBlocked(p.jid)) return; // issue 14: blocking
          presence.set(p.jid, p);
          emit('presenceChanged', { accountId, presence: p });
        }),
        set.subscriptions.on('request', (request) => listed.run(() => blocking.isBlocked(request.from) || emit('subscriptionRequested', request))),
        set.messages.on('message', (message) => listed.run(() => record(message))),
        set.messages.on('updated', (update) => updateMessage(update.id, update.state, update.error)),
        set.messages.on('chatState', ({ peer, state }) => listed.run(() => blocking.isBlocked(peer) || emit('chatStateChanged', { accountId, peer, state }))),
        set.messages.on('change', (incoming) =>
          listed.run(() => (incoming.message.direction === 'in' && blocking.isBlocked(incoming.message.peer)) || changes.received(incoming, 'live')),
        ),
        ...rooms.attach(set.rooms, set.bookmarks),
        ...invitations.attach(set.invitations, set.rooms),
        // issue 14: avatars and nicknames
        ...(deps.avatars?.attach(accountId, set.avatars) ?? []),
        readMarkers.attach({ markers: set.chatMarkers, sharesPresenceWith: (peer) => set.roster.sharesPresenceWith(peer) }), // issue 14: read markers
        ...(deps.omemo ? [deps.omemo.attach(session.link)] : []), // issue 15: OMEMO
      ];
      // Sent together, not one round trip after another: carbons need nothing from the roster. Presence waits
      // for the roster's answer (RFC 6121 §2.2: ask for the roster before the initial presence, so that no
      // roster push or subscription state is missed).
      const carbons = set.carbons.enable().then(
        () => {
          carbonsRefusalTold = false;
        },
        (error: unknown) => {
          deps.log({ feature: 'carbons', reason: 'the server did not enable carbons', from: null });
          if (!carbonsRefusalTold) deps.notice(carbonsRefusedText(bareJidOrNull(session.fullJid) ?? session.fullJid, error));
          carbonsRefusalTold = true;
        },
      );
      // issue 14: blocking. Asked alongside the roster; presence from a contact found blocked is dropped then.
      const blockList = blocking
        .attach(set.blocking)
        .then((offs) => (features === set ? unsubscribe.push(...offs) : offs.forEach((off) => off())))
        .catch((error: unknown) => deps.log({ feature: 'blocking', reason: `block list not asked: ${error instanceof Error ? error.message : String(error)}`, from: null }))
        .finally(() => listed.open());
      const fetched = await set.roster.fetch({ versioning: true, cached: roster });
      // A server answers in order, and the block list was asked before the roster: one that has not answered it
      // by now (once the answers already in have been handled) is not answering soon. What was held runs with
      // what is known; a list that comes later still applies to everything after it.
      void Promise.race([blockList, new Promise((resolve) => setImmediate(resolve))]).then(() => listed.open());
      roster = { items: fetched.items, ver: fetched.ver };
      emit('rosterChanged', { accountId, items: fetched.items });
      await set.presence.announce({ show: own.show, status: own.status, priority: 0 });
      await carbons;
      for (const pending of queue.pending()) set.messages.watch(pending);
      // Receipts for messages an earlier session sent can still come (the contact was offline meanwhile).
      for (const m of conversations.awaitingReceipt()) set.messages.watch(m);
      await goOnline(session);
      // In the background, like the archive catch-up: being online does not wait for every room to answer.
      void rooms.rejoin().catch((error: unknown) =>
        deps.log({ feature: 'rooms', reason: `rejoin stopped: ${error instanceof Error ? error.message : String(error)}`, from: null }),
      );
      // What arrived while this app was not connected, in the background: being online does not wait for it.
      // A server that keeps no archive is not asked for one (the conversation says so instead).
      void learnArchive(session, set)
        .then(async (has) => {
          await blockList; // its pages are filtered by the block list: known first
          if (has !== false) await catchUpWithArchive(blocking.withoutBlocked(set.archive), conversations, shown, (change) => changes.received(change, 'archive'));
        })
        .catch((error: unknown) =>
          deps.log({ feature: 'archive', reason: `catch-up stopped: ${error instanceof Error ? error.message : String(error)}`, from: null }),
        );
    },
    suspend: () => {
      suspended = true;
      queue.offline();
    },
    resume: async (session) => {
      if (!features) return;
      await goOnline(session);
    },
    detach: () => detachFeatures(),
    roster: () => ({ items: roster?.items ?? [], presence: [...presence.values()] }),
    addContact: async (jid, name, groups) => {
      const set = requireOnline();
      await set.roster.set(jid, { name, groups });
      await set.subscriptions.request(jid);
    },
    changeSubscription: async (jid, action) => {
      const subscriptions = requireOnline().subscriptions;
      if (action === 'request') await subscriptions.request(jid);
      else if (action === 'unsubscribe') await subscriptions.unsubscribe(jid);
      else if (action === 'revoke') await subscriptions.cancel(jid);
      else if ((await subscriptions.preApprove(jid)) === 'unsupported') {
        throw new UserFacingError('Your server does not support approving contacts in advance.');
      }
    },
    updateContact: (jid, name, groups) => requireOnline().roster.set(jid, { name, groups }),
    removeContact: (jid) => requireOnline().roster.remove(jid),
    answerSubscription: (jid, approve) => (approve ? requireOnline().subscriptions.approve(jid) : requireOnline().subscriptions.deny(jid)),
    setPresence: async (show, status) => {
      if (show === 'offline') {
        await requireOnline().presence.unavailable(status);
        return;
      }
      own = { show, status };
      if (features) await features.presence.announce({ show, status, priority: 0 });
    },
    conversations: (): readonly ConversationSummary[] => conversations.summaries(),
    sendMessage: (to, body) => send(to, body),
    // issue 14: message changes
    changeMessage: (peer, id, request) => changes.change(peer, id, request),
    sendReply: async (to, body, replyTo) => {
      const peer = bareJidOrNull(to) ?? to;
      const encryption = await deps.omemo?.encryptionFor(peer); // issue 15: a quote of an encrypted message goes only sealed
      return send(to, body, { replyTo: changes.replyTarget(peer, replyTo, encryption !== undefined), encryption });
    },
    sendChatState: async (to, state: ChatState) => {
      if (features) await features.messages.sendChatState(to, state);
    },
    // Stored history first; the server archive fills in what is older, when online.
    loadHistory: (peer, before, limit) =>
      loadStoredHistory(conversations, features && !suspended && keepsArchive !== false ? blocking.withoutBlocked(features.archive) : null, {
        peer: bareJidOrNull(peer) ?? peer,
        before,
        limit,
      }, (change) => changes.received(change, 'archive')),
    serverKeepsArchive: () => keepsArchive,
    markRead: (peer) => conversations.markRead(peer),
    // issue 14: read markers. Offline or reconnecting: nothing is told now; the next showing tells it.
    markDisplayed: async (peer) => {
      if (features && !suspended) await readMarkers.displayed(peer);
    },
    readPosition: (peer) => deps.messages.readPosition(accountId, peer),
    // Our room messages are stored as sent (room-history.ts); the rest is account-rooms.ts as it is.
    rooms: { ...rooms, send: async (room, body) => roomHistory.sent(await rooms.send(room, body)) },
    loadRoomHistory: (room, before, limit) => loadRoomHistory(deps.messages, accountId, room, before, limit),
    invitations,
    blocking, // issue 14: blocking
    // issue 14: files
    files: {
      uploadService: () => requireOnline().files.uploadService(),
      requestSlot: (service, request) => requireOnline().files.requestSlot(service, request),
      // issue 15: OMEMO. An aesgcm link goes only encrypted; an https link is written as send() decides (the queue
      // refuses it in a conversation that is encrypted by then).
      encryptionFor: async (to) => deps.omemo?.encryptionFor(requireBareJid(to)),
      sendSharedFile: (to, url, encryption) => {
        if (isAesgcmLink(url) && encryption?.kind !== 'omemo') return Promise.reject(new Error('An encrypted file is sent only in an encrypted message.'));
        return send(to, url, encryption === undefined ? { oobUrl: url } : { oobUrl: url, encryption });
      },
      isContact: (jid) => (roster?.items ?? []).some((item) => item.jid === jid),
    },
    close: () => {
      for (const off of unsubscribe) off();
      features?.dispose();
      features = null;
      queue.offline();
    },
  };
}

/** What contacts send while the block list is asked is held, up to this many (past it, let through at once). */
const MAX_HELD_BEFORE_BLOCK_LIST = 10_000;

function carbonsRefusedText(account: string, error: unknown): string {
  const why = error instanceof StanzaError ? `it answered "${error.condition}"` : error instanceof Error ? error.message : String(error);
  return (
    `Your server did not turn on message copies (carbons) for ${account} (${why}). Messages you send from this ` +
    'device will not appear on your other devices, and messages they send or receive will not appear here.'
  );
}
