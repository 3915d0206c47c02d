import { createContext, useContext } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import type { ConversationSummary, EventPayloads } from '../../../app/ipc/contract.js';
import { request } from '../common/ipc.js';

/*
 * The first screen's data, asked for before React renders anything: the accounts, then each account's
 * conversation list. The window's first render then has them, so the conversation list is in its first
 * frame, with no render of an empty window before it and no request waiting for a render to go out.
 */

type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The events that change what the first screen shows, in the order they came. */
export type StartEvent =
  | { readonly event: 'accountsChanged'; readonly payload: EventPayloads['accountsChanged'] }
  | { readonly event: 'connectionChanged'; readonly payload: EventPayloads['connectionChanged'] }
  | { readonly event: 'messageReceived'; readonly payload: EventPayloads['messageReceived'] };

type StartEventName = StartEvent['event'];
const START_EVENTS: readonly StartEventName[] = ['accountsChanged', 'connectionChanged', 'messageReceived'];

export interface WindowStart {
  readonly accounts: Answer<readonly AccountView[]>;
  /** Each listed account's conversations, as the main process answered. */
  readonly lists: ReadonlyMap<AccountId, Answer<readonly ConversationSummary[]>>;
  /**
   * The events of these kinds that came since the requests went out, handed over once. The hook that keeps
   * the data current calls it right after subscribing itself: no event falls between the answers and its own
   * subscription, and none reaches it twice.
   */
  take(kinds: readonly StartEventName[]): StartEvent[];
}

/** How long the first render waits for the first screen's data before it shows the window without it. */
const WAIT_MS = 1_000;

/**
 * Asks for the first screen's data and resolves with it, or with null when it takes longer than `waitMs` (the
 * window then renders at once and its hooks ask again, as without a start).
 */
export async function loadWindowStart(api: HostproofApi, waitMs = WAIT_MS): Promise<WindowStart | null> {
  const events: StartEvent[] = [];
  const taken = new Set<StartEventName>();
  const listen = <E extends StartEventName>(event: E) =>
    api.on(event, (payload) => {
      if (!taken.has(event)) events.push({ event, payload } as StartEvent);
    });
  const offs = START_EVENTS.map(listen);
  const stop = () => offs.forEach((off) => off());

  const load = async (): Promise<WindowStart> => {
    const accounts = await request(() => api.listAccounts());
    const ids = accounts.ok ? accounts.value.map((a) => a.settings.id) : [];
    const answers = await Promise.all(ids.map((accountId) => request(() => api.listConversations({ accountId }))));
    return {
      accounts,
      lists: new Map(ids.map((id, i) => [id, answers[i] ?? { ok: false, message: 'No answer.' }])),
      take: (kinds) => {
        const handed = events.filter((e) => kinds.includes(e.event) && !taken.has(e.event));
        kinds.forEach((kind) => taken.add(kind));
        if (START_EVENTS.every((kind) => taken.has(kind))) {
          stop();
          events.length = 0;
        }
        return handed;
      },
    };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  const start = await Promise.race([load(), late]);
  clearTimeout(timer);
  if (start === null) stop();
  return start;
}

const WindowStartContext = createContext<WindowStart | null>(null);
export const WindowStartProvider = WindowStartContext.Provider;

/** The data the window started with; null in tests that render without one, and when it came too late. */
export function useWindowStart(): WindowStart | null {
  return useContext(WindowStartContext);
}
