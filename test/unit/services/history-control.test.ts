/**
 * The user's control over local history on the real message database: deleting one conversation, clearing an
 * account, exporting a whole conversation read back in pages (bounded), and removing an account with or
 * without its history through the app's real removal path.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDnsResolver, createNameLookup } from '../../../main/net/name-lookup.js';
import { createAppServices } from '../../../main/services/create-app-services.js';
import { createHistoryControl } from '../../../main/services/history-control.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { openAppStores } from '../../../main/store/app-stores.js';
import { createTestCipher } from '../../harness/test-cipher.js';
import { ACCOUNT, BOB, input, msg, OTHER_ACCOUNT } from '../store/messages/message-fixture.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date('2026-12-01T08:00:00.000Z');
const CAROL = 'carol@example.org';

async function openDb() {
  return openMessageDb({ file: path.join(await tempDir(), 'messages.sqlite'), now: () => NOW, report: () => undefined });
}

const jidOf = async (accountId: string) => (accountId === ACCOUNT ? 'alice@example.com' : 'dave@example.com');

describe('deleting and exporting local history', () => {
  it('deletes one conversation and nothing else; clearing an account leaves the other account whole', async () => {
    const db = await openDb();
    db.store(input(msg({ body: 'to bob' })));
    db.store(input(msg({ body: 'to carol', peer: CAROL })));
    db.store(input(msg({ body: 'other account', accountId: OTHER_ACCOUNT })));
    const control = createHistoryControl({ messages: db, jidOf, now: () => NOW });

    expect(control.deleteConversation(ACCOUNT, BOB)).toEqual({ removed: 1 });
    expect(db.conversations(ACCOUNT).map((c) => c.peer)).toEqual([CAROL]);
    expect(db.history(ACCOUNT, BOB, null, 10).messages).toEqual([]);

    expect(control.clearAccount(ACCOUNT)).toEqual({ removed: 1 });
    expect(db.conversations(ACCOUNT)).toEqual([]);
    expect(db.conversations(OTHER_ACCOUNT)).toEqual([expect.objectContaining({ peer: BOB, lastMessage: expect.objectContaining({ body: 'other account' }) })]);
    db.close();
  });

  it('exports the whole stored conversation in order, read in pages, and no more than the bound (the newest)', async () => {
    const db = await openDb();
    const all = Array.from({ length: 2500 }, (_, i) => msg({ body: `line ${i}`, at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() }));
    db.storeArchivePage(ACCOUNT, all.map((m) => input(m)), null);
    db.store(input(msg({ body: 'someone else', peer: CAROL })));

    const whole = await createHistoryControl({ messages: db, jidOf, now: () => NOW }).exportConversation(ACCOUNT, BOB, 'json');
    const parsed = JSON.parse(whole.content) as { account: string; peer: string; messages: Array<{ body: string }> };
    expect(whole).toMatchObject({ messages: 2500, complete: true });
    expect(parsed.account).toBe('alice@example.com');
    expect(parsed.peer).toBe(BOB);
    expect(parsed.messages.map((m) => m.body)).toEqual(all.map((m) => m.body));

    const bounded = await createHistoryControl({ messages: db, jidOf, now: () => NOW, maxExport: 1200 }).exportConversation(ACCOUNT, BOB, 'text');
    expect(bounded).toMatchObject({ messages: 1200, complete: false });
    const lines = bounded.content.split('\n').filter((line) => line.startsWith('['));
    expect(lines).toHaveLength(1200);
    expect(lines[0]).toContain(': line 1300');
    expect(lines.at(-1)).toContain(': line 2499');
    db.close();
  });
});

describe('removing an account and its history', () => {
  async function appWithHistory() {
    const dataDir = await tempDir();
    const stores = openAppStores({ dataDir, cipher: createTestCipher(), now: () => NOW, report: () => undefined });
    const alice = await stores.accounts.add({ jid: 'alice@example.com', resource: 'desk', server: null, autoConnect: false, enabled: true, rememberPassword: false });
    const dave = await stores.accounts.add({ jid: 'dave@example.com', resource: 'desk', server: null, autoConnect: false, enabled: true, rememberPassword: false });
    stores.messages.store(input(msg({ accountId: alice.id, body: 'alice and bob' })));
    stores.messages.store(input(msg({ accountId: dave.id, body: 'dave and bob' })));
    stores.messages.close();
    const services = createAppServices({
      dataDir,
      cipher: createTestCipher(),
      emit: () => undefined,
      network: { ca: [], lookup: createNameLookup(), dns: createDnsResolver() },
      openSession: () => Promise.reject(new Error('no session in this test')),
      notice: () => undefined,
      confirm: async () => true,
      pickCaFile: async () => null,
      now: () => NOW,
    });
    /** What the database file holds, read by a fresh connection after the app has closed. */
    const rowsAfterClose = async () => {
      await services.shutdown();
      const db = openMessageDb({ file: path.join(dataDir, 'messages.sqlite'), now: () => NOW, report: () => undefined });
      const rows = [alice.id, dave.id].map((id) => db.history(id, BOB, null, 10).messages.map((m) => m.body));
      db.close();
      return rows;
    };
    return { services, alice, rowsAfterClose };
  }

  it('with "delete history" its rows are gone from the database file; the other account keeps its own', async () => {
    const { services, alice, rowsAfterClose } = await appWithHistory();
    await services.accounts.remove(alice.id, { deleteHistory: true });
    expect(await rowsAfterClose()).toEqual([[], ['dave and bob']]);
  });

  it('with "keep history" its messages stay on this computer', async () => {
    const { services, alice, rowsAfterClose } = await appWithHistory();
    await services.accounts.remove(alice.id, { deleteHistory: false });
    expect(await rowsAfterClose()).toEqual([['alice and bob'], ['dave and bob']]);
  });
});
