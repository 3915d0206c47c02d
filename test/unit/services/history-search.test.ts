import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../app/ipc/contract.js';
import { UserFacingError } from '../../../main/ipc/handlers.js';
import { createHistoryAround } from '../../../main/services/history-around.js';
import { createHistorySearch } from '../../../main/services/history-search.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { ACCOUNT, BOB, input, msg, OTHER_ACCOUNT } from '../store/messages/message-fixture.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();

/** Five messages with bob mentioning the "harbour", a minute apart, in a real database; OTHER_ACCOUNT is removed. */
async function services() {
  const db = openMessageDb({ file: path.join(await tempDir(), 'm.sqlite'), now: () => new Date(), report: () => undefined });
  const lines = Array.from({ length: 5 }, (_, i) => msg({ body: `harbour note ${i}`, at: `2026-11-0${i + 1}T10:00:00.000Z` }));
  for (const m of lines) db.store(input(m));
  const accountExists = async (id: string) => id === ACCOUNT;
  return { db, lines, search: createHistorySearch({ db, accountExists }), around: createHistoryAround({ db, accountExists }) };
}

describe('the history search service', () => {
  it('answers a page of hits newest first and whether more follow', async () => {
    const { db, search } = await services();
    const first = await search.search({ text: 'harbour', accountId: ACCOUNT, peer: BOB, limit: 2 });
    expect(first.hits.map((h) => h.message.body)).toEqual(['harbour note 4', 'harbour note 3']);
    expect(first.hits[0]?.context).toEqual([
      { text: 'harbour', match: true },
      { text: ' note 4', match: false },
    ]);
    expect(first.more).toBe(true);
    const last = await search.search({ text: 'harbour', limit: 2, offset: 4 });
    expect(last).toEqual({ hits: [expect.objectContaining({ message: expect.objectContaining({ body: 'harbour note 0' }) })], more: false });
    // Exactly a page left: no "more".
    expect((await search.search({ text: 'harbour', limit: 5 })).more).toBe(false);
    db.close();
  });

  it('filters by the dates the window sends', async () => {
    const { db, search } = await services();
    const page = await search.search({ text: 'harbour', from: '2026-11-02T00:00:00.000Z', until: '2026-11-04T00:00:00.000Z', limit: 10 });
    expect(page.hits.map((h) => h.message.body)).toEqual(['harbour note 2', 'harbour note 1']);
    db.close();
  });

  it('refuses an account that is not set up', async () => {
    const { db, search } = await services();
    await expect(search.search({ text: 'harbour', accountId: OTHER_ACCOUNT, limit: 10 })).rejects.toThrow(UserFacingError);
    db.close();
  });

  it('takes only bounded, well-formed requests', () => {
    const ok = { text: 'harbour', limit: 20 };
    const parse = (extra: object) => requestSchemas.searchMessages.safeParse({ ...ok, ...extra }).success;
    expect(parse({})).toBe(true);
    expect(parse({ from: '2026-11-01T00:00:00.000Z', until: '2026-11-01T10:00:00+02:00', offset: 10_000 })).toBe(true);
    for (const bad of [{ text: '' }, { text: 'x'.repeat(201) }, { limit: 0 }, { limit: 51 }, { offset: -1 }, { offset: 10_001 }, { from: 'yesterday' }, { until: '2026-13-01T00:00:00Z' }, { peer: 'not an address' }, { accountId: 'acc-1' }, { extra: 1 }]) {
      expect(parse(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('the history around a message', () => {
  it('answers the message with its neighbours, and newer pages until the latest', async () => {
    const { db, lines, around } = await services();
    const page = await around.around({ accountId: ACCOUNT, peer: BOB, id: lines[1]?.id ?? '', limit: 3 });
    expect(page.messages.map((m) => m.body)).toEqual(['harbour note 0', 'harbour note 1', 'harbour note 2']);
    expect(page).toMatchObject({ reachedStart: true, latest: false });
    const newer = await around.newer({ accountId: ACCOUNT, peer: BOB, after: lines[2]?.id ?? '', limit: 3 });
    expect(newer.messages.map((m) => m.body)).toEqual(['harbour note 3', 'harbour note 4']);
    expect(newer.latest).toBe(true);
    db.close();
  });

  it('says so in plain words when the message is gone or the account is not set up', async () => {
    const { db, lines, around } = await services();
    await expect(around.around({ accountId: ACCOUNT, peer: BOB, id: 'gone', limit: 3 })).rejects.toThrow('That message is no longer in your history.');
    await expect(around.around({ accountId: OTHER_ACCOUNT, peer: BOB, id: lines[0]?.id ?? '', limit: 3 })).rejects.toThrow(UserFacingError);
    await expect(around.newer({ accountId: OTHER_ACCOUNT, peer: BOB, after: lines[0]?.id ?? '', limit: 3 })).rejects.toThrow(UserFacingError);
    db.close();
  });
});
