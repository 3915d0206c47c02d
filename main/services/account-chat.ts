/**
 * One account's chat, across connections: conversations, roster and presence as last seen, and the outgoing
 * queue, which outlive any one stream. When a session comes online the chat features are attached to it;
 * when it drops they are detached and messages written meanwhile wait in the queue (sent once, in order,
 * when the next verified session is up).
 */
import type { AccountId } from '../../app/domain/account.js';
import type { ChatMessage, ChatState, ContactPresence, HistoryPage, Show } from '../../app/domain/chat.js';
import type { ConversationSummary } from '../../app/ipc/contract.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { OnlineSession } from '../xmpp/session/online-session.js';
import { setBounded } from '../xmpp/features/bounded.js';
import { createDedupe, keysOf } from '../xmpp/features/dedupe.js';
import { createFeatureSet, type FeatureSet } from '../xmpp/features/feature-set.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import { bareOf } from '../xmpp/features/jid.js';
import { createOutgoingQueue } from '../xmpp/features/outgoing-queue.js';
import { composeChatMessage } from '../xmpp/features/outgoing-message.js';
import type { RosterSnapshot } from '../xmpp/features/roster.js';
import type { ChatFeatures } from './chat-features.js';
import type { EmitEvent } from './event-sink.js';

export interface AccountChat extends ChatFeatures {
  /** A fresh session is online: set everything up on it (roster, carbons, presence, queued messages). */
  attach(session: OnlineSession): Promise<void>;
  /** The stream dropped but may resume: keep the features, hold new messages in the queue. */
  suspend(): void;
  /** The same session continued (XEP-0198): send what waited meanwhile. */
  resume(session: OnlineSession): Promise<void>;
  /** The session is over: drop the features (presence from it no longer holds). */
  detach(): void;
}

export interface AccountChatDeps {
  readonly accountId: AccountId;
  readonly emit: EmitEvent;
  readonly now: () => Date;
  readonly ids: () => string;
  readonly log: FeatureLog;
}

/** Kept in memory per conversation; older messages come back from the server archive (MAM). */
const MAX_MESSAGES_PER_CONVERSATION = 2_000;
/** Archived messages handed out per conversation, and the keys that find any message we handed out. */
const MAX_ARCHIVED_PER_CONVERSATION = 2_000;
const MAX_KEYS_PER_CONVERSATION = 10_000;
/**
 * How many archive pages one loadHistory may read to fill its page: the archive also holds receipts and
 * chat states, which are not conversation text, so a page of N archive items can hold fewer messages.
 */
const MAX_ARCHIVE_ROUNDS = 8;

interface Conversation {
  /** Live and sent messages, in the order they came. */
  messages: ChatMessage[];
  unread: number;
  /** Messages that only came from the archive, by local id, so the same archived message keeps its id. */
  archived: Map<string, ChatMessage>;
  /** Dedupe key (dedupe.ts keysOf) → local id of every message handed out, live, sent or archived. */
  index: Map<string, string>;
}

export function createAccountChat(deps: AccountChatDeps): AccountChat {
  const { accountId, emit } = deps;
  const conversations = new Map<string, Conversation>();
  const presence = new Map<string, ContactPresence>();
  let roster: RosterSnapshot | null = null;
  let own: { show: Show; status: string | null } = { show: 'online', status: null };
  let features: FeatureSet | null = null;
  let unsubscribe: Array<() => void> = [];
  // One per account, not per session: a message re-delivered after a reconnect (resent, or stored offline
  // after an unacknowledged delivery) is still recognised.
  const dedupe = createDedupe();
  const queue = createOutgoingQueue({ accountId, log: deps.log });
  queue.on('updated', (update) => updateMessage(update.id, update.state, update.error));

  const conversation = (peer: string): Conversation => {
    let c = conversations.get(peer);
    if (!c) {
      c = { messages: [], unread: 0, archived: new Map(), index: new Map() };
      conversations.set(peer, c);
    }
    return c;
  };

  const keysOfMessage = (message: ChatMessage) =>
    keysOf(message.peer, { originId: message.originId, archiveId: message.archiveId, stanzaId: message.stanzaId, body: message.body });

  const index = (c: Conversation, message: ChatMessage) => {
    for (const key of keysOfMessage(message)) setBounded(c.index, key, message.id, MAX_KEYS_PER_CONVERSATION);
  };

  /** A live or sent message joins its conversation. */
  const keep = (message: ChatMessage): Conversation => {
    const c = conversation(message.peer);
    c.messages.push(message);
    index(c, message);
    if (c.messages.length > MAX_MESSAGES_PER_CONVERSATION) c.messages.splice(0, c.messages.length - MAX_MESSAGES_PER_CONVERSATION);
    return c;
  };

  /**
   * An archived message as the window should see it: the message we already handed out (same local id and
   * delivery state, now with its archive id) when it arrived live, was sent from here or was loaded before;
   * otherwise the archived message itself, remembered so the next load gives it the same id.
   */
  const adopt = (c: Conversation, archived: ChatMessage): ChatMessage => {
    for (const key of keysOfMessage(archived)) {
      const id = c.index.get(key);
      if (id === undefined) continue;
      const live = c.messages.findIndex((m) => m.id === id);
      const known = c.messages[live] ?? c.archived.get(id);
      if (known === undefined) continue; // forgotten (bounded): treat as new
      const merged = known.archiveId === null && archived.archiveId !== null ? { ...known, archiveId: archived.archiveId } : known;
      if (live !== -1) c.messages[live] = merged;
      else c.archived.set(id, merged);
      index(c, merged);
      return merged;
    }
    setBounded(c.archived, archived.id, archived, MAX_ARCHIVED_PER_CONVERSATION);
    index(c, archived);
    return archived;
  };

  const record = (message: ChatMessage) => {
    const c = keep(message);
    if (message.direction === 'in') c.unread += 1;
    emit('messageReceived', message);
  };

  function updateMessage(id: string, state: ChatMessage['state'], error: string | null) {
    for (const c of conversations.values()) {
      const i = c.messages.findIndex((m) => m.id === id);
      const found = c.messages[i];
      if (found) {
        // Never move backwards: a late "sent" must not undo "delivered".
        if (found.state === 'delivered' && state === 'sent') return;
        c.messages[i] = { ...found, state, error };
        emit('messageUpdated', { accountId, id, state, error });
        return;
      }
    }
  }

  function detachFeatures() {
    for (const off of unsubscribe) off();
    unsubscribe = [];
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

  const requireOnline = (): FeatureSet => {
    if (!features || suspended) throw new UserFacingError('This account is not online right now. Try again once it has reconnected.');
    return features;
  };

  return {
    attach: async (session) => {
      if (features) detachFeatures();
      const set = createFeatureSet({ link: session.link, accountId, now: deps.now, ids: deps.ids, log: deps.log, preApproval: session.preApproval, dedupe });
      features = set;
      unsubscribe = [
        set.roster.on('changed', (snapshot) => {
          roster = { items: snapshot.items, ver: snapshot.ver };
          emit('rosterChanged', { accountId, items: snapshot.items });
        }),
        set.presence.on('contact', (p) => {
          presence.set(p.jid, p);
          emit('presenceChanged', { accountId, presence: p });
        }),
        set.subscriptions.on('request', (request) => emit('subscriptionRequested', request)),
        set.messages.on('message', record),
        set.messages.on('updated', (update) => updateMessage(update.id, update.state, update.error)),
        set.messages.on('chatState', ({ peer, state }) => emit('chatStateChanged', { accountId, peer, state })),
      ];
      const fetched = await set.roster.fetch({ versioning: true, cached: roster });
      roster = { items: fetched.items, ver: fetched.ver };
      emit('rosterChanged', { accountId, items: fetched.items });
      await set.carbons.enable().catch(() => deps.log({ feature: 'carbons', reason: 'the server did not enable carbons', from: null }));
      await set.presence.announce({ show: own.show, status: own.status, priority: 0 });
      for (const pending of queue.pending()) set.messages.watch(pending);
      // Receipts for messages an earlier session sent can still come (the contact was offline meanwhile).
      for (const c of conversations.values()) for (const m of c.messages) if (m.direction === 'out' && m.state === 'sent') set.messages.watch(m);
      await goOnline(session);
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
    conversations: (): readonly ConversationSummary[] =>
      [...conversations.entries()].map(([peer, c]) => ({ peer, lastMessage: c.messages.at(-1) ?? null, unread: c.unread })),
    sendMessage: async (to, body) => {
      // Composed here whether or not we are online: the queue sends it now or after the next verified login.
      const message = features ? features.messages.compose(to, body) : composeChatMessage({ accountId, now: deps.now, ids: deps.ids }, to, body);
      keep(message);
      queue.enqueue(message);
      return message;
    },
    sendChatState: async (to, state: ChatState) => {
      if (features) await features.messages.sendChatState(to, state);
    },
    loadHistory: async (peer, before, limit): Promise<HistoryPage> => {
      const archive = requireOnline().archive;
      const c = conversation(bareOf(peer) ?? peer);
      // No `before` means the newest page (the contract), every time: a window opened again starts there.
      let cursor = before ?? null;
      const found: ChatMessage[] = [];
      // A message the server archived twice (a resend after a lost stream) is still one message.
      const ids = new Set<string>();
      let complete = false;
      for (let round = 0; round < MAX_ARCHIVE_ROUNDS && found.length < limit; round += 1) {
        const page = await archive.loadPage({ peer, before: cursor, max: limit - found.length, seen: 'include' });
        const adopted = page.messages.map((m) => adopt(c, m)).filter((m) => !ids.has(m.id) && ids.add(m.id));
        found.unshift(...adopted);
        complete = page.complete;
        // An empty page has no `first` to continue from: whatever the server says, there is nothing to page to.
        if (complete || page.first === null) break;
        cursor = page.first;
      }
      return { messages: found, complete };
    },
    markRead: (peer) => {
      const c = conversations.get(peer);
      if (c) c.unread = 0;
    },
    close: () => {
      for (const off of unsubscribe) off();
      features?.dispose();
      features = null;
      queue.offline();
    },
  };
}
