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
import type { OnlineSession } from '../xmpp/account-connection.js';
import { createFeatureSet, type FeatureSet } from '../xmpp/features/feature-set.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
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

interface Conversation {
  messages: ChatMessage[];
  unread: number;
  /** The RSM id to page back from (the oldest archive page's `first`), or null before the first page. */
  oldestArchiveId: string | null;
  archiveComplete: boolean;
}

export function createAccountChat(deps: AccountChatDeps): AccountChat {
  const { accountId, emit } = deps;
  const conversations = new Map<string, Conversation>();
  const presence = new Map<string, ContactPresence>();
  let roster: RosterSnapshot | null = null;
  let own: { show: Show; status: string | null } = { show: 'online', status: null };
  let features: FeatureSet | null = null;
  let unsubscribe: Array<() => void> = [];
  const queue = createOutgoingQueue({ accountId, log: deps.log });
  queue.on('updated', (update) => updateMessage(update.id, update.state, update.error));

  const conversation = (peer: string): Conversation => {
    let c = conversations.get(peer);
    if (!c) {
      c = { messages: [], unread: 0, oldestArchiveId: null, archiveComplete: false };
      conversations.set(peer, c);
    }
    return c;
  };

  const record = (message: ChatMessage) => {
    const c = conversation(message.peer);
    c.messages.push(message);
    if (c.messages.length > MAX_MESSAGES_PER_CONVERSATION) c.messages.splice(0, c.messages.length - MAX_MESSAGES_PER_CONVERSATION);
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

  const requireOnline = (): FeatureSet => {
    if (!features) throw new UserFacingError('This account is not online right now. Try again once it has reconnected.');
    return features;
  };

  return {
    attach: async (session) => {
      if (features) detachFeatures();
      const set = createFeatureSet({ link: session.link, accountId, now: deps.now, ids: deps.ids, log: deps.log, preApproval: false });
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
      await queue.online(session.link, { acknowledgements: false });
    },
    suspend: () => queue.offline(),
    resume: async (session) => {
      if (!features) return;
      await queue.online(session.link, { acknowledgements: false });
    },
    detach: () => detachFeatures(),
    roster: () => ({ items: roster?.items ?? [], presence: [...presence.values()] }),
    addContact: async (jid, name, groups) => {
      const set = requireOnline();
      await set.roster.set(jid, { name, groups });
      await set.subscriptions.request(jid);
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
      conversation(message.peer).messages.push(message);
      queue.enqueue(message);
      return message;
    },
    sendChatState: async (to, state: ChatState) => {
      if (features) await features.messages.sendChatState(to, state);
    },
    loadHistory: async (peer, before, limit): Promise<HistoryPage> => {
      const c = conversation(peer);
      const page = await requireOnline().archive.loadPage({ peer, before: before ?? c.oldestArchiveId, max: limit });
      if (page.first !== null) c.oldestArchiveId = page.first;
      c.archiveComplete = page.complete;
      return { messages: page.messages, complete: page.complete };
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
