/**
 * Deleting history removes its text from the disk, not only from what the app shows: the database file and its
 * write-ahead log hold none of a deleted conversation's words afterwards, while the app is still running
 * (secure_delete, FTS5 'secure-delete' and a checkpoint after each deletion); the rest stays searchable.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, endOfTurn, input, msg, OTHER_ACCOUNT } from './message-fixture.js';

const tempDir = useTempDirs();

/** How often `word` appears in the database file and its WAL, byte for byte. */
function onDisk(file: string, word: string): number {
  return [file, `${file}-wal`].filter(existsSync).reduce((n, f) => n + readFileSync(f).toString('latin1').split(word).length - 1, 0);
}

describe('deleted history leaves no text on the disk', () => {
  it.for(['conversation', 'account'] as const)('after deleting a whole %s, its words are in neither the file nor the WAL', async (what) => {
    const file = path.join(await tempDir(), 'messages.sqlite');
    const db = openMessageDb({ file, now: () => new Date('2026-12-01T08:00:00.000Z'), report: () => undefined });
    for (let i = 0; i < 40; i += 1) db.store(input(msg({ body: `zebracrossing plans number ${i}` })));
    db.store(input(msg({ accountId: OTHER_ACCOUNT, body: 'giraffe stays' })));
    await endOfTurn();
    expect(onDisk(file, 'zebracrossing')).toBeGreaterThan(0);

    if (what === 'conversation') expect(db.deleteConversation(ACCOUNT, BOB)).toBe(40);
    else expect(db.clearAccount(ACCOUNT)).toBe(40);
    expect(onDisk(file, 'zebracrossing')).toBe(0);
    expect(db.search({ text: 'giraffe', limit: 10 }).map((h) => h.message.body)).toEqual(['giraffe stays']);
    db.close();
    expect(onDisk(file, 'zebracrossing')).toBe(0);
  });
});
