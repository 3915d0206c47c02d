/**
 * The benchmark's history: a few accounts, 1,000 conversations of very different sizes (a few with tens of
 * thousands of messages, most with hundreds), messages in time order over three years. Every message is a
 * pure function of its index and the seed, so the bulk fill, the archive pages and the queries agree without
 * keeping a million messages in memory.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage, MessageState } from '../../../app/domain/chat.js';
import { createCorpus, type Corpus } from './corpus.js';
import { randomId, seeded, zipf, type Random } from './random.js';

export interface Conversation {
  readonly account: AccountId;
  readonly peer: string;
}

export interface World {
  readonly accounts: readonly AccountId[];
  readonly conversations: readonly Conversation[];
  readonly corpus: Corpus;
  readonly total: number;
  /** The message with this index (0 = the oldest); the conversation is `conversationOf(i)`. */
  message(i: number): ChatMessage;
  conversationOf(i: number): number;
}

const DOMAINS = ['example.org', 'jabber.example', 'chat.example.net', 'xmpp.example.com', 'bücher.example'];
const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;
const SEED = 0x5eed;

/** A random UUID-shaped id; with `atMs`, one that starts with that time, as the app's local ids do (time-ordered-ids.ts). */
function uuid(random: Random, atMs?: number): string {
  const drawn = randomId(random, 32);
  const hex = atMs === undefined ? drawn : atMs.toString(16).padStart(12, '0') + drawn.slice(12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function stateOf(random: Random): MessageState {
  const roll = random();
  // Almost nothing stays queued; a few dozen in a million are waiting to be sent again at start.
  if (roll < 0.00005) return 'queued';
  if (roll < 0.01) return 'failed';
  if (roll < 0.2) return 'sent';
  return 'delivered';
}

export function createWorld(accounts: readonly AccountId[], total: number, conversationCount = 1000, end = new Date('2026-11-30T00:00:00Z')): World {
  const corpus = createCorpus(seeded(SEED));
  const conversations: Conversation[] = Array.from({ length: conversationCount }, (_, c) => ({
    account: accounts[c % accounts.length] as AccountId,
    peer: `contact${c}@${DOMAINS[c % DOMAINS.length]}`,
  }));
  // Sizes fall off with rank: the busiest conversation holds about 1 in 80 messages, the quietest 1 in 4,000.
  const drawConversation = zipf(conversationCount, 1, 20);
  const start = end.getTime() - SPAN_MS;
  const randomOf = (i: number) => seeded(SEED ^ Math.imul(i + 1, 0x9e3779b1));

  const conversationOf = (i: number) => drawConversation(randomOf(i));

  return {
    accounts,
    conversations,
    corpus,
    total,
    conversationOf,
    message: (i) => {
      const random = randomOf(i);
      const conversation = conversations[drawConversation(random)] as Conversation;
      const out = random() < 0.45;
      const carbon = out && random() < 0.05;
      const atMs = start + Math.floor(((i + random()) * SPAN_MS) / total / 1000) * 1000;
      const at = new Date(atMs).toISOString();
      const originId = out || random() < 0.8 ? uuid(random) : null;
      return {
        // Made when the message was stored, in time order as the app makes them: the message's time stands in.
        id: uuid(random, atMs),
        accountId: conversation.account,
        peer: conversation.peer,
        direction: out ? 'out' : 'in',
        body: corpus.body(random),
        at,
        state: out ? stateOf(random) : 'received',
        stanzaId: randomId(random, 12),
        originId,
        archiveId: uuid(random),
        carbon,
        error: null,
      };
    },
  };
}
