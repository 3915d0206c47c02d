import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { localDayKey } from '../../../renderer/src/common/format-time.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { history } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { BobPane } from './pane.js';
import { installLayoutStubs, ROW } from './layout-stubs.js';

installLayoutStubs();

const list = () => screen.getByTestId('message-list');
const shownBodies = () => screen.queryAllByTestId('message-body').map((b) => b.textContent);
const article = (body: string) => screen.getAllByTestId('message').find((a) => within(a).getByTestId('message-body').textContent === body);

/** `count` messages from the peer a minute apart: one group, as a burst of chat is. */
const burst = (count: number, start: number, prefix: string) => history(count, start, prefix).map((m) => ({ ...m, direction: 'in' as const, state: 'received' as const }));

describe('reading back through history', () => {
  it('keeps its place when an older page of the same day arrives, so the next scroll up asks for more', async () => {
    const newest = history(50, Date.parse('2012-08-01T12:00:00.000Z'), 'n');
    const older = history(50, Date.parse('2012-08-01T11:00:00.000Z'), 'o');
    // The case that lost its place: the page is of the day already shown, so no new day starts at its end.
    expect(localDayKey(older[0]?.at ?? '')).toBe(localDayKey(newest[49]?.at ?? ''));
    let answerOlder: (page: HistoryPage) => void = () => undefined;
    const fake = fakeApi({
      loadHistory: (p) => (p.before === undefined ? ok({ messages: newest, complete: false }) : new Promise((resolve) => (answerOlder = (page) => resolve(ok(page))))),
    });
    renderWithApi(<BobPane />, fake.api);
    await waitFor(() => expect(shownBodies()).toContain('message n49'));
    act(() => {
      list().scrollTop = 0;
      fireEvent.scroll(list());
    });
    await waitFor(() => expect(shownBodies()).toContain('message n0'));
    await waitFor(() => expect(fake.callsOf('loadHistory')).toHaveLength(2));
    await act(async () => answerOlder({ messages: older, complete: false }));
    // The first message of the newest page stays in view, 50 rows further down the list than before.
    await waitFor(() => expect(list().scrollTop).toBeGreaterThanOrEqual(49 * ROW));
    expect(shownBodies()).toContain('message n0');
  });

  it('keeps its place when the older page joins the group shown at the top, which then loses its sender label', async () => {
    const newest = burst(50, Date.parse('2012-08-01T12:00:00.000Z'), 'n');
    const older = burst(50, Date.parse('2012-08-01T11:10:00.000Z'), 'o');
    let answerOlder: (page: HistoryPage) => void = () => undefined;
    const fake = fakeApi({
      loadHistory: (p) => (p.before === undefined ? ok({ messages: newest, complete: false }) : new Promise((resolve) => (answerOlder = (page) => resolve(ok(page))))),
    });
    renderWithApi(<BobPane />, fake.api);
    await waitFor(() => expect(shownBodies()).toContain('message n49'));
    act(() => {
      list().scrollTop = 0;
      fireEvent.scroll(list());
    });
    await waitFor(() => expect(shownBodies()).toContain('message n0'));
    expect(within(article('message n0') ?? document.body).queryByTestId('message-sender')).not.toBeNull();
    await waitFor(() => expect(fake.callsOf('loadHistory')).toHaveLength(2));
    await act(async () => answerOlder({ messages: older, complete: false }));
    // Rows inside a group are estimated shorter than the stubbed 50 px until measured, so the offset is not 50
    // rows of 50 px: what holds is that n0's row is where the view starts, far below the new rows above it.
    const rowTop = () => Number(/translateY\((\d+(?:\.\d+)?)px\)/.exec(article('message n0')?.closest<HTMLElement>('.message-list__row')?.style.transform ?? '')?.[1]);
    // The list settles over a few measurements (rows are measured as they render, under a busy test run later
    // than alone), so both are waited for together: the view moved down, and n0's row is where it starts.
    await waitFor(() => {
      expect(list().scrollTop).toBeGreaterThan(40 * 30);
      expect(Math.abs(rowTop() - list().scrollTop)).toBeLessThan(ROW);
    });
    // Same row, same key, same place; only what it draws changed: the group now starts 50 messages earlier.
    expect(within(article('message n0') ?? document.body).queryByTestId('message-sender')).toBeNull();
  });
});
