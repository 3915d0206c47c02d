/**
 * One pass of every UI scenario in a freshly loaded page, in the order a user would meet them. Each step runs
 * inside the page (page.evaluate) and uses the probes of page-probes.ts, so timings do not include Playwright.
 */
import type { Page } from 'playwright-core';
import type { createProbes, Window_ } from './page-probes.js';

type Bench = ReturnType<typeof createProbes> & {
  readonly bigPeer: string;
  historyServed(): number;
  markReads(): number;
  unanswered(): string[];
  conversationRow(peer: string): Element | null;
  otherConversationRow(peer: string): Element | null;
  pushPresence(count: number, interval: number): Promise<void>;
  pushMessages(count: number, perTick: number): Promise<void>;
};
declare const __bench: Bench;

/** What one pass measured; times in ms. */
export interface Pass {
  /** The chat-first window (conversations in the sidebar at once), or the old one (accounts, then tabs). */
  readonly chatFirst: boolean;
  readonly windowFirstRender: number;
  readonly appFirstRender: number;
  /** Null in the chat-first window: the list is part of the window's first render. */
  readonly chatListFirstRender: number | null;
  readonly rosterFirstRender: number;
  readonly rosterNodes: number;
  readonly presence: Window_;
  readonly rosterScroll: Window_;
  readonly openFromRoster: number;
  readonly conversationNodes: number;
  readonly incoming: Window_;
  readonly incomingMarkReads: number;
  readonly messageScroll: Window_;
  readonly readBack: Window_ & { readonly ms: number; readonly messages: number; readonly stalled: boolean };
  readonly openFromList: number;
}

export async function runPass(page: Page, url: string, presenceSeconds: number): Promise<Pass> {
  await page.goto(url);
  // Navigation start → first frame showing the window with what it opens on: in the chat-first window the
  // conversation list (its sidebar has a conversations area from the first render on, empty until the rows
  // come); in the old window the account list.
  const { chatFirst, windowFirstRender, appFirstRender } = await page.evaluate(async () => {
    const chatFirstWindow = () => document.querySelector('.sidebar__conversations') !== null;
    const shown = await __bench.until(() =>
      chatFirstWindow() ? document.querySelector('[data-testid="conversation"]') !== null : document.querySelector('[data-testid="account-item"]') !== null,
    );
    // The same frame counted from when the app's entry bundle had arrived: what the renderer itself costs.
    const entry = (document.querySelector('script[type="module"][src]') as HTMLScriptElement | null)?.src;
    const bundle = performance.getEntriesByType('resource').find((e) => e.name === entry) as PerformanceResourceTiming | undefined;
    if (!bundle) throw new Error('The entry bundle is not in the resource timings.');
    return { chatFirst: chatFirstWindow(), windowFirstRender: shown, appFirstRender: shown - bundle.responseEnd };
  });
  // Before the first click: what the window loads ahead of use (the chat-first window preloads "Start a chat"
  // and the settings once it has shown its lists) has arrived, as it has by the time a person clicks.
  await page.evaluate(() => __bench.settle());
  // The old window opens on the accounts: the chat list is a click away. The chat-first window shows it at once.
  const chatListFirstRender = chatFirst
    ? null
    : await page.evaluate(() =>
        __bench.clickUntil(document.querySelector('.account-list__select') as Element, () => document.querySelector('[data-testid="conversation"]') !== null),
      );
  // The roster: "Start a chat" in the chat-first window, the Contacts tab in the old one.
  const rosterFirstRender = await page.evaluate((chatFirstWindow) => {
    const opener = chatFirstWindow
      ? ([...document.querySelectorAll('.sidebar button')].find((b) => b.textContent === 'Start a chat') as Element)
      : ([...document.querySelectorAll('.tabs button')].find((b) => b.textContent === 'Contacts') as Element);
    return __bench.clickUntil(opener, () => document.querySelector('[data-testid="contact"]') !== null);
  }, chatFirst);
  const rosterNodes = await page.evaluate(() => __bench.nodes());
  const presence = await page.evaluate((seconds) => __bench.during(() => __bench.pushPresence(100 * seconds, 10)), presenceSeconds);
  const rosterScroll = await page.evaluate(() => {
    // The roster's scroll box: the virtual list where there is one, else the page (the old roster was not one box).
    const box = (document.querySelector('[data-testid="roster"]') ?? document.scrollingElement) as HTMLElement;
    return __bench.during(async () => {
      for (let i = 0; i < 120; i++) {
        box.scrollTop += 120;
        await __bench.frame();
      }
    });
  });
  const openFromRoster = await page.evaluate(async () => {
    const box = (document.querySelector('[data-testid="roster"]') ?? document.scrollingElement) as HTMLElement;
    box.scrollTop = 0;
    await __bench.until(() => document.querySelector(`[data-testid="contact"][data-jid="${__bench.bigPeer}"]`) !== null);
    const row = document.querySelector(`[data-testid="contact"][data-jid="${__bench.bigPeer}"]`) as Element;
    const chat = [...row.querySelectorAll('button')].find((b) => b.textContent === 'Chat') as Element;
    return __bench.clickUntil(chat, () => document.querySelector('[data-testid="conversation-pane"] [data-testid="message"]') !== null);
  });
  const conversationNodes = await page.evaluate(async () => {
    await __bench.until(() => document.querySelectorAll('[data-testid="message"]').length > 5);
    return __bench.nodes();
  });
  const readsBefore = await page.evaluate(() => __bench.markReads());
  const incoming = await page.evaluate(() => __bench.during(() => __bench.pushMessages(1_000, 10)));
  const incomingMarkReads = (await page.evaluate(() => __bench.markReads())) - readsBefore;
  const messageScroll = await page.evaluate(() => {
    const list = document.querySelector('[data-testid="message-list"]') as HTMLElement;
    return __bench.during(async () => {
      for (let i = 0; i < 120; i++) {
        list.scrollTop -= 100;
        await __bench.frame();
      }
    });
  });
  const readBack = await page.evaluate(async () => {
    // Scroll up fast, as a reader looking for something does (1,200 px a frame), until 2,000 more messages came
    // from the archive. A stall: 3 s stuck at the top with no new page (the list lost its place and no scroll
    // event asks for more).
    const list = document.querySelector('[data-testid="message-list"]') as HTMLElement;
    const first = __bench.historyServed();
    const start = performance.now();
    let stalled = false;
    const window = await __bench.during(async () => {
      let served = first;
      let movingAt = performance.now();
      while (__bench.historyServed() - first < 2_000) {
        const wasAt = list.scrollTop;
        list.scrollTop = Math.max(0, wasAt - 1_200);
        const now = await __bench.frame();
        if (__bench.historyServed() !== served || wasAt > 0) {
          served = __bench.historyServed();
          movingAt = now;
        } else if (now - movingAt > 3_000) {
          stalled = true;
          break;
        }
      }
    });
    return { ...window, ms: performance.now() - start, messages: __bench.historyServed() - first, stalled };
  });
  const openFromList = await page.evaluate(async () => {
    // The switch to another conversation shows as its row becoming the selected one (aria-current) with the
    // pane's label changed: the pane's heading is a name in the chat-first window, no longer the address.
    const paneLabel = () => document.querySelector('[data-testid="conversation-pane"]')?.getAttribute('aria-label') ?? null;
    const was = paneLabel();
    const other = __bench.otherConversationRow(__bench.bigPeer) as Element;
    await __bench.clickUntil(other, () => other.getAttribute('aria-current') === 'true' && paneLabel() !== was);
    const big = __bench.conversationRow(__bench.bigPeer) as Element;
    return __bench.clickUntil(big, () => document.querySelector('[data-testid="conversation-pane"] [data-testid="message"]') !== null);
  });
  const unanswered = await page.evaluate(() => __bench.unanswered());
  if (unanswered.length > 0) throw new Error(`The window asked what the synthetic API does not answer: ${unanswered.join(', ')}`);
  return {
    chatFirst,
    windowFirstRender,
    appFirstRender,
    chatListFirstRender,
    rosterFirstRender,
    rosterNodes,
    presence,
    rosterScroll,
    openFromRoster,
    conversationNodes,
    incoming,
    incomingMarkReads,
    messageScroll,
    readBack,
    openFromList,
  };
}
