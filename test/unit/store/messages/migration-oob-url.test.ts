// issue 14: files: migration 6 (the shared file's link) and the link kept through the store.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/store/messages/migrations.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg } from './message-fixture.js';

const tempDir = useTempDirs();
const LINK = 'https://upload.example.org/share/abc/cat.png';

describe('migration 6: the link of a shared file', () => {
  it('keeps the messages of a version-4 database (without a link) and stores and reads a new message with its link', async () => {
    const file = path.join(await tempDir(), 'messages.sqlite');
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 4)) raw.exec(migration.sql);
    raw.pragma('user_version = 4');
    raw.close();
    const open = () => openMessageDb({ file, now: () => new Date('2026-12-01T08:00:00.000Z'), report: () => undefined });
    const before = open();
    before.store(input(msg({ id: 'plain', body: 'hello' })));
    before.close();

    const db = open();
    db.store(input(msg({ id: 'shared', body: LINK, oobUrl: LINK })));
    const page = db.history(ACCOUNT, BOB, null, 5).messages;
    expect(page.map((m) => [m.id, m.oobUrl ?? null])).toEqual([
      ['plain', null],
      ['shared', LINK],
    ]);
    db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });
});
