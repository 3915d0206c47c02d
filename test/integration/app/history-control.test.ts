/**
 * The user's control over local history (issue 12 item 5) on a real Prosody: an exported conversation holds
 * what was said; a deleted conversation is gone from this computer, also after a restart, while the server's
 * archive can bring it back when the chat is scrolled (as the dialog says); removing an account with its
 * history leaves no row of it in the database file; a retention period prunes at start; and a server without
 * an archive (no mod_mam) is reported in the account's view.
 */
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import { appCaller } from '../../harness/app-caller.js';
import { password } from '../../harness/app-world.js';
import { archiveSyncPoints, storedMessageCounts } from '../../harness/message-db-peek.js';
import { startProsody } from '../../harness/prosody.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { createTestApp } from '../../harness/test-app.js';
import { createTestCertificate } from '../../harness/test-pki.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { waitUntil } from '../../harness/wait-until.js';
import { plaintextChatSuite } from './chat-suite.js';
import { restartableApps } from './restartable-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';
const DAY = 24 * 60 * 60 * 1000;

describe.runIf(available)('the user\'s control over local history', () => {
  const suite = plaintextChatSuite();
  const { appOn, freshDir } = restartableApps(suite, 'hostproof-history-');



  /** Alice online in an app on `dir`, her first archive catch-up done, and a conversation with Bob. */
  async function aliceTalkedWithBob(dir: string) {
    const bob = await suite.open(BOB, 'laptop');
    const alice = await appOn(dir);
    const { settings } = await alice.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await waitForEvent(alice.app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'online');
    await waitUntil(() => archiveSyncPoints(dir).has(settings.id), 'the first catch-up noted where the archive stands', 10_000);
    for (const body of ['hello alice', 'line one\nline two']) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body });
      await waitForEvent(alice.app.events, 'messageReceived', (m) => m.body === body);
    }
    const sent = await alice.call('sendMessage', { accountId: settings.id, to: BOB, body: 'hello bob' });
    await waitForEvent(alice.app.events, 'messageUpdated', (u) => u.id === sent.id && u.state !== 'queued');
    await bob.next('messageReceived', (m) => m.body === 'hello bob');
    return { alice, accountId: settings.id, bob };
  }

  it('exports the conversation as JSON and as text with what was said', async () => {
    const { alice, accountId } = await aliceTalkedWithBob(await freshDir());
    const json = await alice.call('exportConversation', { accountId, peer: BOB, format: 'json' });
    expect(json).toMatchObject({ mimeType: 'application/json', messages: 3, complete: true });
    const document = JSON.parse(json.content) as { account: string; peer: string; messages: Array<{ direction: string; body: string; state: string }> };
    expect(document.account).toBe(ALICE);
    expect(document.peer).toBe(BOB);
    expect(document.messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'hello alice'],
      ['in', 'line one\nline two'],
      ['out', 'hello bob'],
    ]);
    const text = await alice.call('exportConversation', { accountId, peer: BOB, format: 'text' });
    expect(text.content).toMatch(new RegExp(`\\n\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] ${BOB}: hello alice\\n`));
    expect(text.content).toContain(`${BOB}: line one\n    line two\n`);
    expect(text.content).toContain(`] ${ALICE}: hello bob\n`);
  });

  it('a deleted conversation is gone from this computer, also after a restart; the archive can bring it back', async () => {
    const dir = await freshDir();
    const { alice, accountId } = await aliceTalkedWithBob(dir);
    expect((await alice.call('listAccounts')).find((a) => a.settings.id === accountId)?.serverKeepsArchive).toBe(true);
    expect(await alice.call('deleteConversationHistory', { accountId, peer: BOB })).toEqual({ removed: 3 });
    expect(await alice.call('listConversations', { accountId })).toEqual([]);
    expect(storedMessageCounts(dir).get(accountId)).toBeUndefined();
    await alice.app.close();

    const again = await appOn(dir);
    // Not connected: only this computer's history, which holds nothing of Bob any more.
    expect(await again.call('listConversations', { accountId })).toEqual([]);
    expect(await again.call('loadHistory', { accountId, peer: BOB, limit: 50 })).toEqual({ messages: [], complete: true });
    expect((await again.call('exportConversation', { accountId, peer: BOB, format: 'json' })).messages).toBe(0);

    // Online, scrolling the chat asks the server's archive, which still has it.
    await again.call('connect', { accountId, password: password('alice') });
    await waitForEvent(again.app.events, 'connectionChanged', (p) => p.accountId === accountId && p.state.stage === 'online');
    // (The account's archive also holds what earlier tests of this file said: this conversation is its newest part.)
    await waitUntil(
      async () => (await again.call('loadHistory', { accountId, peer: BOB, limit: 50 })).messages.length >= 3,
      'the archive filled the chat again',
      10_000,
    );
    const refilled = await again.call('loadHistory', { accountId, peer: BOB, limit: 3 });
    expect(refilled.messages.map((m) => m.body)).toEqual(['hello alice', 'line one\nline two', 'hello bob']);
  });

  it('clearing an account deletes its rows and keeps the other account\'s', async () => {
    const dir = await freshDir();
    const { alice, accountId } = await aliceTalkedWithBob(dir);
    const { settings: other } = await alice.call('addAccount', { jid: 'alice@bücher.test', password: password('alice'), rememberPassword: false });
    await waitForEvent(alice.app.events, 'connectionChanged', (p) => p.accountId === other.id && p.state.stage === 'online');
    await alice.call('sendMessage', { accountId: other.id, to: BOB, body: 'from the other account' });
    expect(storedMessageCounts(dir).get(other.id)).toBe(1);
    expect(await alice.call('clearAccountHistory', { accountId })).toEqual({ removed: 3 });
    expect(storedMessageCounts(dir).get(accountId)).toBeUndefined();
    expect(storedMessageCounts(dir).get(other.id)).toBe(1);
  });

  it('removing the account with its history leaves no row of it in the database file', async () => {
    const dir = await freshDir();
    const { alice, accountId } = await aliceTalkedWithBob(dir);
    expect(storedMessageCounts(dir).get(accountId)).toBe(3);
    await alice.call('removeAccount', { accountId, deleteHistory: true });
    expect(storedMessageCounts(dir).get(accountId)).toBeUndefined();
    await alice.app.close();
    expect(storedMessageCounts(dir).get(accountId)).toBeUndefined();
  });

  it('removing the account and keeping its history keeps the messages', async () => {
    const dir = await freshDir();
    const { alice, accountId } = await aliceTalkedWithBob(dir);
    await alice.call('removeAccount', { accountId, deleteHistory: false });
    expect(await alice.call('listAccounts')).toEqual([]);
    expect(storedMessageCounts(dir).get(accountId)).toBe(3);
  });

  it('a retention period deletes older messages at the next start, and only those', async () => {
    const dir = await freshDir();
    const { alice, accountId } = await aliceTalkedWithBob(dir);
    expect(await alice.call('setHistoryRetention', { keepDays: 30 })).toEqual({ keepDays: 30, removed: 0 });
    await alice.app.close();

    // Twenty days on, nothing is old enough; forty days on, all of it is.
    const later = await appOn(dir, { now: () => new Date(Date.now() + 20 * DAY) });
    await later.app.services.retentionStarted;
    expect(storedMessageCounts(dir).get(accountId)).toBe(3);
    await later.app.close();
    const muchLater = await appOn(dir, { now: () => new Date(Date.now() + 40 * DAY) });
    await muchLater.app.services.retentionStarted;
    expect(await muchLater.call('getHistoryRetention')).toEqual({ keepDays: 30 });
    expect(storedMessageCounts(dir).get(accountId)).toBeUndefined();
    // A conversation with nothing left leaves the list.
    expect(await muchLater.call('listConversations', { accountId })).toEqual([]);
  });
});

describe.runIf(available)('a server that keeps no message archive', () => {
  const suite = plaintextChatSuite();

  it('is shown in the account\'s view, and history is what this computer stored', async () => {
    const { world } = suite;
    const certificate = await createTestCertificate({ commonName: 'valid.test', dnsNames: ['valid.test'], issuer: world.ca });
    const server = await startProsody({
      hosts: [{ domain: 'valid.test', certPem: certificate.certPem, keyPem: certificate.keyPem }],
      users: ['alice', 'bob'].map((user) => ({ user, host: 'valid.test', password: password(user) })),
      withoutModules: ['mam'],
    });
    suite.track({ close: () => server.stop() });
    const app = suite.track(await createTestApp({ network: world.network('starttls'), reconnectDelay: () => 200 }));
    const call = appCaller(app);
    const { settings } = await call('addAccount', {
      jid: ALICE,
      password: password('alice'),
      rememberPassword: false,
      server: { host: '127.0.0.1', port: server.starttlsPort, directTls: false },
    });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'online');
    const views = await waitForEvent(app.events, 'accountsChanged', (list) => list.some((a: AccountView) => a.settings.id === settings.id && a.serverKeepsArchive === false));
    expect(views.find((a) => a.settings.id === settings.id)?.serverKeepsArchive).toBe(false);
    expect((await call('listAccounts'))[0]?.serverKeepsArchive).toBe(false);

    // A message sent is stored here, and a history page is read from here alone (the server is not asked).
    await call('sendMessage', { accountId: settings.id, to: BOB, body: 'kept only here' });
    expect(await call('loadHistory', { accountId: settings.id, peer: BOB, limit: 50 })).toEqual({
      messages: [expect.objectContaining({ body: 'kept only here' })],
      complete: true,
    });
  });
});
