/**
 * Read markers in the local history (issue 14, migration 5): where the contact read up to survives a restart,
 * only moves forward, names only our messages of that conversation, goes with the message when it is deleted,
 * and our other device's reading lowers the unread count to what came after it.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMessageDb, type MessageDb } from '../../../../main/store/messages/message-db.js';
import { MIGRATIONS } from '../../../../main/store/messages/migrations.js';
import type { NamedId } from '../../../../main/store/messages/named-message.js';
import { keysOf } from '../../../../main/xmpp/features/dedupe.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg, OTHER_ACCOUNT } from './message-fixture.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const tempDir = useTempDirs();

async function open(): Promise<{ db: MessageDb; file: string; reopen: () => MessageDb }> {
  const file = path.join(await tempDir(), 'messages.sqlite');
  const options = { file, now: () => NOW, report: () => undefined };
  return { db: openMessageDb(options), file, reopen: () => openMessageDb(options) };
}

const marked = (peer: string, id: string): NamedId => ({ id, originKey: keysOf(peer, { originId: id, archiveId: null, stanzaId: null, body: '' })[0] ?? '' });

describe('read positions (migration 5)', () => {
  it('adds one table and leaves the rest as it was', () => {
    const db = new Database(':memory:');
    for (const migration of MIGRATIONS.slice(0, 4)) db.exec(migration.sql);
    const before = db.prepare(`SELECT name FROM sqlite_master ORDER BY name`).all();
    db.exec(MIGRATIONS[4]?.sql ?? '');
    const after = db.prepare(`SELECT name FROM sqlite_master ORDER BY name`).all() as Array<{ name: string }>;
    expect(after.filter((row) => !before.some((b) => (b as { name: string }).name === row.name)).map((r) => r.name)).toEqual([
      'read_positions',
      'read_positions_by_message',
    ]);
    db.close();
  });

  it('the contact read up to our message: kept across a restart, and only moved forward', async () => {
    const { db, reopen } = await open();
    const first = msg({ direction: 'out', state: 'sent', originId: 'o-first', stanzaId: 'o-first' });
    const second = msg({ direction: 'out', state: 'sent', originId: null, stanzaId: 's-second' });
    db.store(input(first));
    db.store(input(second));
    expect(db.readPosition(ACCOUNT, BOB)).toBeNull();
    // By origin-id, then by stanza id (a message sent without origin-id).
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'o-first'))).toBe(first.id);
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 's-second'))).toBe(second.id);
    // A late marker for the earlier one does not move it back.
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'o-first'))).toBeNull();
    db.close();
    const again = reopen();
    expect(again.readPosition(ACCOUNT, BOB)).toBe(second.id);
    again.close();
  });

  it('names only our messages of that conversation and account', async () => {
    const { db } = await open();
    const theirs = msg({ originId: 'o-theirs' });
    const toCarol = msg({ direction: 'out', state: 'sent', peer: 'carol@example.org', originId: 'o-carol' });
    const otherAccount = msg({ direction: 'out', state: 'sent', accountId: OTHER_ACCOUNT, originId: 'o-other' });
    for (const m of [theirs, toCarol, otherAccount]) db.store(input(m));
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'o-theirs'))).toBeNull();
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'o-carol'))).toBeNull();
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'o-other'))).toBeNull();
    expect(db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'nothing'))).toBeNull();
    expect(db.readPosition(ACCOUNT, BOB)).toBeNull();
    db.close();
  });

  it('goes with the message when the conversation is deleted', async () => {
    const { db } = await open();
    const ours = msg({ direction: 'out', state: 'sent', originId: 'o-gone' });
    db.store(input(ours));
    db.contactReadUpTo(ACCOUNT, BOB, marked(BOB, 'o-gone'));
    db.deleteConversation(ACCOUNT, BOB);
    expect(db.readPosition(ACCOUNT, BOB)).toBeNull();
    db.close();
  });

  it('read on another device: the unread count drops to the messages after the one marked, never rises', async () => {
    const { db } = await open();
    const [a, b, c] = [msg({ originId: 'o-a' }), msg({ originId: 'o-b' }), msg({ originId: 'o-c' })];
    for (const m of [a, b, c]) db.store(input(m, true));
    expect(db.conversations(ACCOUNT)[0]?.unread).toBe(3);
    expect(db.readElsewhereUpTo(ACCOUNT, BOB, marked(BOB, 'o-b'))).toBe(1);
    expect(db.readElsewhereUpTo(ACCOUNT, BOB, marked(BOB, 'o-a'))).toBe(1);
    expect(db.readElsewhereUpTo(ACCOUNT, BOB, marked(BOB, 'unknown'))).toBeNull();
    expect(db.readElsewhereUpTo(ACCOUNT, BOB, marked(BOB, 'o-c'))).toBe(0);
    expect(db.conversations(ACCOUNT)[0]?.unread).toBe(0);
    db.close();
  });
});
