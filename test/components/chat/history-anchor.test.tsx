import { act, fireEvent, screen, waitFor } from '@testing-library/react';
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
});
