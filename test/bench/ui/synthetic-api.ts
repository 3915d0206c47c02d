/**
 * Runs inside the page for the UI benchmark, in place of the preload: `window.hostproof` over a synthetic
 * main process that holds one account with 5,000 contacts in 50 groups and one conversation of 50,000
 * messages, and `window.__bench` for the driver: pushes events at a given rate and measures (long tasks, frame
 * times, DOM size). Everything lives in the page so the numbers are the renderer's alone, not Playwright's.
 */
import type { AccountView } from '../../../app/domain/account.js';
import type { ChatMessage, ContactPresence, RosterItem } from '../../../app/domain/chat.js';
import { API_GLOBAL } from '../../../app/ipc/api.js';
import { createApi } from '../../../app/ipc/create-api.js';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { createProbes } from './page-probes.js';

const ACCOUNT = 'bench-account';
export const GROUPS = 50;
export const CONTACTS = 5_000;
export const HISTORY = 50_000;
/** Simulated IPC and archive latency for a history page (ms). */
const PAGE_LATENCY = 15;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const jidOf = (i: number) => `contact${pad(i, 4)}@bench.test`;
/** The contact with the long conversation: first by name in the first group, so it is on screen when the roster opens. */
export const BIG_PEER = jidOf(0);

// Built when first asked for, as the main process would build it in its own process: made up front in the page,
// it would be counted as the window's start-up.
let items: RosterItem[] | null = null;
const rosterItems = (): RosterItem[] => (items ??= Array.from({ length: CONTACTS }, (_, i) => ({
  jid: jidOf(i),
  name: `Contact ${pad(i, 4)}`,
  groups: [`Group ${pad(i % GROUPS, 2)}`],
  subscription: 'both',
  pendingOut: false,
  approved: false,
})));

const HISTORY_START = Date.parse('2026-06-01T08:00:00.000Z');
const message = (i: number, peer: string, at: number, live = false): ChatMessage => ({
  id: live ? `live-${i}` : `h-${i}`,
  accountId: ACCOUNT as ChatMessage['accountId'],
  peer,
  direction: i % 3 === 0 ? 'out' : 'in',
  body: `Message ${i}: a line of ordinary length, long enough to wrap now and then in a narrow window.`,
  at: new Date(at).toISOString(),
  state: i % 3 === 0 ? 'delivered' : 'received',
  stanzaId: null,
  originId: null,
  archiveId: live ? null : `a-${i}`,
  carbon: false,
  error: null,
});
// 50,000 messages about four minutes apart: some 360 a day, so history pages of one day arrive one after another.
// Made when asked for, as an archive would answer: building all of them up front would be counted as the window's load.
const historyMessage = (i: number) => message(i, BIG_PEER, HISTORY_START + i * 240_000);
const historySlice = (start: number, end: number) => Array.from({ length: end - start }, (_, k) => historyMessage(start + k));
const conversations: ConversationSummary[] = Array.from({ length: 200 }, (_, i) => ({
  peer: jidOf(i),
  lastMessage: i === 0 ? historyMessage(HISTORY - 1) : message(i, jidOf(i), HISTORY_START - i * 60_000),
  unread: 0,
}));

const account: AccountView = {
  settings: { id: ACCOUNT as AccountView['settings']['id'], jid: 'me@bench.test', resource: 'bench', server: null, autoConnect: false, enabled: true, rememberPassword: false },
  connection: { stage: 'offline' },
  lastVerdict: null,
  serverKeepsArchive: null,
};

let historyServed = 0;
let markReads = 0;
/** Requests the synthetic main process has no answer for: a pass that made any measured a window in error. */
const unanswered = new Set<string>();
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const emit = (event: string, payload: unknown) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};
/**
 * An answer as the window gets it over IPC: a structured clone (the preload's ipcRenderer deserialises every
 * answer in the renderer), after `ms`.
 */
const later = <T>(value: T, ms = 0) => new Promise<T>((resolve) => setTimeout(() => resolve(structuredClone(value)), ms));

function answer(name: string, payload: unknown): Promise<unknown> {
  const p = (payload ?? {}) as { peer?: string; before?: string; limit?: number };
  switch (name) {
    case 'listAccounts':
      return later(ok([account]));
    case 'getRoster':
      return later(ok({ items: rosterItems(), presence: [] as ContactPresence[] }));
    case 'listConversations':
      return later(ok(conversations));
    case 'markRead':
      markReads++;
      return later(ok(null));
    case 'sendChatState':
      return later(ok(null));
    // The joined rooms, asked for after the first screen (with the rosters): none in the benchmark's account.
    case 'listJoinedRooms':
      return later(ok([]));
    // Room invitations waiting, asked for with the rooms: none.
    case 'listRoomInvitations':
      return later(ok([]));
    // issue 14: avatars and nicknames: the window asks for each row's picture and the accounts' nicknames; none here.
    case 'getAvatar':
      return later(ok(null));
    case 'listNicknames':
      return later(ok([]));
    // issue 14: read markers. An open conversation asks where the contact read up to, and tells what it showed.
    case 'getReadPosition':
      return later(ok({ id: null }));
    case 'markDisplayed':
      return later(ok(null));
    // issue 15: an open conversation asks for the person's encryption choice there: the default.
    case 'getConversationEncryption':
      return later(ok('default'));
    case 'loadHistory': {
      if (p.peer !== BIG_PEER) return later(ok({ messages: [], complete: true }));
      // The window asks before its oldest message: by local id ("h-N") now, by archive id ("a-N") in the old window.
      const end = p.before === undefined ? HISTORY : Number(p.before.slice(2));
      const start = Math.max(0, end - (p.limit ?? 50));
      historyServed += end - start;
      return later(ok({ messages: historySlice(start, end), complete: start === 0 }), PAGE_LATENCY);
    }
    // issue 14: blocking. An open conversation asks for its account's block list: nobody is blocked.
    case 'listBlocked':
      return later(ok({ accountId: (payload as { accountId: string }).accountId, supported: true, blocked: [] as string[] }));
    default:
      unanswered.add(name);
      return later(fail('unknown-request', `The benchmark does not answer "${name}".`));
  }
}

const w = window as unknown as Record<string, unknown>;
w[API_GLOBAL] = createApi({
  invoke: (name, payload) => answer(name, payload),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});

const conversationRows = () => [...document.querySelectorAll('[data-testid="conversation"]')];
const isRowOf = (row: Element, peer: string) => {
  const marked = row.getAttribute('data-peer');
  return marked === null ? (row.textContent ?? '').includes(peer) : marked === peer;
};

let liveCount = 0;
const SHOWS = ['online', 'away', 'dnd', 'xa', 'chat'] as const;
w.__bench = {
  ...createProbes(),
  bigPeer: BIG_PEER,
  historyServed: () => historyServed,
  markReads: () => markReads,
  unanswered: () => [...unanswered],
  /**
   * The conversation row of `peer`. The chat-first window marks each row with data-peer and shows a name; the
   * old window's rows showed the address itself.
   */
  conversationRow: (peer: string) => conversationRows().find((row) => isRowOf(row, peer)) ?? null,
  /** Any conversation row but `peer`'s. */
  otherConversationRow: (peer: string) => conversationRows().find((row) => !isRowOf(row, peer)) ?? null,
  /** `count` presence updates for contacts spread over the roster, one every `interval` ms. */
  pushPresence: (count: number, interval: number) =>
    new Promise<void>((resolve) => {
      let sent = 0;
      const timer = setInterval(() => {
        const i = (sent * 7919) % CONTACTS;
        const show = SHOWS[sent % SHOWS.length] ?? 'online';
        emit('presenceChanged', { accountId: ACCOUNT, presence: { jid: jidOf(i), resources: [{ resource: 'phone', show, status: `status ${sent}`, priority: 0 }] } });
        if (++sent >= count) {
          clearInterval(timer);
          resolve();
        }
      }, interval);
    }),
  /** `count` messages into the long conversation, `perTick` at a time every 10 ms. */
  pushMessages: (count: number, perTick: number) =>
    new Promise<void>((resolve) => {
      let sent = 0;
      const timer = setInterval(() => {
        for (let k = 0; k < perTick && sent < count; k++, sent++) {
          emit('messageReceived', message(liveCount++, BIG_PEER, Date.now(), true));
        }
        if (sent >= count) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    }),
};
