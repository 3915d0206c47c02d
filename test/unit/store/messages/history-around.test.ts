import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg, OTHER_ACCOUNT } from './message-fixture.js';

const tempDir = useTempDirs();
const CAROL = 'carol@example.org';

/** Ten lines with bob a second apart, stored out of order, and one line each with carol and on another account. */
async function withLines() {
  const db = openMessageDb({ file: path.join(await tempDir(), 'm.sqlite'), now: () => new Date(), report: () => undefined });
  const lines = Array.from({ length: 10 }, (_, i) => msg({ body: `line ${i}`, at: `2026-11-01T10:00:0${i}.000Z` }));
  for (const m of [...lines.slice(5), ...lines.slice(0, 5)]) db.store(input(m));
  const carol = msg({ peer: CAROL, body: 'carol', at: '2026-11-01T10:00:05.500Z' });
  db.store(input(carol));
  db.store(input(msg({ accountId: OTHER_ACCOUNT, body: 'elsewhere', at: '2026-11-01T10:00:05.500Z' })));
  const id = (i: number) => lines[i]?.id ?? '';
  return { db, id, carol };
}

const bodies = (messages: readonly { body: string }[]) => messages.map((m) => m.body);

describe('reading the history around a message and paging newer', () => {
  it('gives the message with its older and newer neighbours in time order, and says which ends are reached', async () => {
    const { db, id } = await withLines();
    const middle = db.around(ACCOUNT, BOB, id(5), 2, 2);
    expect(middle && bodies(middle.messages)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(middle).toMatchObject({ reachedStart: false, reachedEnd: false });
    const nearStart = db.around(ACCOUNT, BOB, id(1), 3, 1);
    expect(nearStart && bodies(nearStart.messages)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(nearStart).toMatchObject({ reachedStart: true, reachedEnd: false });
    // Exactly as many newer as asked for: the end is reached, nothing more is stored.
    const nearEnd = db.around(ACCOUNT, BOB, id(7), 1, 2);
    expect(nearEnd && bodies(nearEnd.messages)).toEqual(['line 6', 'line 7', 'line 8', 'line 9']);
    expect(nearEnd).toMatchObject({ reachedStart: false, reachedEnd: true });
    db.close();
  });

  it('finds nothing for a message of another conversation or account, or one not stored', async () => {
    const { db, id, carol } = await withLines();
    expect(db.around(ACCOUNT, BOB, carol.id, 2, 2)).toBeNull();
    expect(db.around(ACCOUNT, CAROL, id(3), 2, 2)).toBeNull();
    expect(db.around(OTHER_ACCOUNT, BOB, id(3), 2, 2)).toBeNull();
    expect(db.around(ACCOUNT, BOB, 'no-such-id', 2, 2)).toBeNull();
    db.close();
  });

  it('pages newer from the newest shown until the latest, within the conversation only', async () => {
    const { db, id } = await withLines();
    const first = db.newer(ACCOUNT, BOB, id(2), 4);
    expect(bodies(first.messages)).toEqual(['line 3', 'line 4', 'line 5', 'line 6']);
    expect(first.reachedEnd).toBe(false);
    const second = db.newer(ACCOUNT, BOB, first.messages.at(-1)?.id ?? '', 4);
    expect(second).toEqual({ messages: [expect.objectContaining({ body: 'line 7' }), expect.objectContaining({ body: 'line 8' }), expect.objectContaining({ body: 'line 9' })], reachedEnd: true });
    expect(db.newer(ACCOUNT, BOB, id(9), 4)).toEqual({ messages: [], reachedEnd: true });
    expect(db.newer(ACCOUNT, BOB, 'no-such-id', 4)).toEqual({ messages: [], reachedEnd: true });
    db.close();
  });

  it('keeps the order of messages of one second as stored, older history pages before them', async () => {
    const db = openMessageDb({ file: path.join(await tempDir(), 'm.sqlite'), now: () => new Date(), report: () => undefined });
    const second = '2026-11-01T10:00:00.000Z';
    const c = msg({ body: 'c', at: second });
    for (const m of [c, msg({ body: 'd', at: second })]) db.store(input(m));
    for (const body of ['b', 'a']) db.store({ ...input(msg({ body, at: second, archiveId: `A-${body}` })), older: true });
    const around = db.around(ACCOUNT, BOB, c.id, 5, 5);
    expect(around && bodies(around.messages)).toEqual(['a', 'b', 'c', 'd']);
    expect(bodies(db.newer(ACCOUNT, BOB, around?.messages[0]?.id ?? '', 5).messages)).toEqual(['b', 'c', 'd']);
    db.close();
  });
});
