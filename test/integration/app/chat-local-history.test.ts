/**
 * History that stays on this computer (issue 12), on a real Prosody: what alice's app received is there after
 * a restart without connecting (listed, unread, paged from the local database), and a message written while
 * offline survives the restart, is sent after the next verified login, and arrives exactly once; what came
 * while the app was closed is taken from the server archive after the next login, once; a message sent from
 * the account's other device is stored once, as its carbon, and recognised when the archive brings it again.
 */
import { describe, expect, it } from 'vitest';
import { archiveSyncPoints } from '../../harness/message-db-peek.js';
import { password } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import type { TestApp } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { waitUntil } from '../../harness/wait-until.js';
import type { ChatClient } from './chat-client.js';
import { messageBarrier } from './message-barrier.js';
import { chatSuite } from './chat-suite.js';
import { restartableApps } from './restartable-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

describe.runIf(available)('history on this computer', () => {
  const suite = chatSuite();
  const { appOn, freshDir } = restartableApps(suite, 'hostproof-restart-');



  async function online(app: TestApp, accountId: string, after: number): Promise<void> {
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === accountId && p.state.stage === 'online', { after });
    await waitForEvent(app.events, 'rosterChanged', (p) => p.accountId === accountId, { after });
  }

  it('what arrived is listed and paged after a restart, before any connection, with its unread count', async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await online(first.app, settings.id, 0);
    for (const body of ['one', 'two', 'three']) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body });
      await waitForEvent(first.app.events, 'messageReceived', (m) => m.body === body);
    }
    await first.app.close();

    const second = await appOn(dir);
    // Not connected (nothing asked for the password): everything below comes from the local database.
    const list = await second.call('listConversations', { accountId: settings.id });
    expect(list).toEqual([{ peer: BOB, lastMessage: expect.objectContaining({ body: 'three', direction: 'in' }), unread: 3 }]);
    const page = await second.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 2 });
    expect(page).toEqual({ messages: [expect.objectContaining({ body: 'two' }), expect.objectContaining({ body: 'three' })], complete: false });
    const older = await second.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 2, before: page.messages[0]?.id });
    expect(older).toEqual({ messages: [expect.objectContaining({ body: 'one' })], complete: true });
    await second.call('markRead', { accountId: settings.id, peer: BOB });
    expect((await second.call('listConversations', { accountId: settings.id }))[0]?.unread).toBe(0);
    expect(second.app.events.filter((e) => e.event === 'connectionChanged')).toEqual([]);
  });

  it('a message written offline survives a restart, is sent after the next login, and arrives once', async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await online(first.app, settings.id, 0);
    await first.call('disconnect', { accountId: settings.id });
    await waitForEvent(first.app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'offline');
    const written = await first.call('sendMessage', { accountId: settings.id, to: BOB, body: 'written on the train' });
    expect(written.state).toBe('queued');
    await first.app.close();

    const second = await appOn(dir);
    const mark = bob.mark();
    await second.call('connect', { accountId: settings.id, password: password('alice') });
    const arrived = await bob.next('messageReceived', (m) => m.body === 'written on the train', { after: mark });
    expect(arrived).toMatchObject({ peer: ALICE, originId: written.originId });
    await waitForEvent(second.app.events, 'messageUpdated', (u) => u.id === written.id && u.state === 'sent');
    await second.app.close();

    // A third start: the message is sent and stored so; nothing is sent again.
    const third = await appOn(dir);
    await third.call('connect', { accountId: settings.id, password: password('alice') });
    await online(third.app, settings.id, 0);
    await messageBarrier({ accountId: settings.id, call: third.call }, BOB, [bob]);
    expect(bob.all('messageReceived', mark).filter((m) => m.body === 'written on the train')).toHaveLength(1);
    const history = await third.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 10 });
    expect(history.messages.filter((m) => m.body === 'written on the train')).toEqual([expect.objectContaining({ id: written.id, direction: 'out' })]);
  });

  it('messages that came while the app was closed are taken from the archive after the next login, once', async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    // Alice's phone stays online, so what Bob writes meanwhile is delivered there and archived, not held offline.
    const phone = await suite.open(ALICE, 'phone');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await online(first.app, settings.id, 0);
    // The first login's catch-up only notes where the archive stands; it is done when that is stored.
    await waitUntil(() => archiveSyncPoints(dir).has(settings.id), 'the first catch-up noted where the archive stands', 10_000);
    await first.app.close();

    for (const body of ['while you were away 1', 'while you were away 2']) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body });
      await phone.next('messageReceived', (m) => m.body === body);
    }

    const second = await appOn(dir);
    await second.call('connect', { accountId: settings.id, password: password('alice') });
    for (const body of ['while you were away 1', 'while you were away 2']) await waitForEvent(second.app.events, 'messageReceived', (m) => m.body === body);
    expect((await second.call('listConversations', { accountId: settings.id }))[0]).toMatchObject({
      peer: BOB,
      lastMessage: expect.objectContaining({ body: 'while you were away 2' }),
      unread: 2,
    });
    // Shown once each, even after a live message from Bob has come behind them.
    const secondAlice: Pick<ChatClient, 'mark' | 'next'> = {
      mark: () => second.app.events.length,
      next: (event, predicate, options) => waitForEvent(second.app.events, event, predicate, options),
    };
    await messageBarrier(bob, ALICE, [secondAlice]);
    const shown = second.app.events.flatMap((e) => (e.event === 'messageReceived' ? [(e.payload as { body: string }).body] : []));
    expect(shown.filter((b) => b.startsWith('while you were away'))).toEqual(['while you were away 1', 'while you were away 2']);
  });
  it("a message sent from the account's phone is stored once: as its carbon, and not again from the archive after a restart", async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await online(first.app, settings.id, 0);
    await waitUntil(() => archiveSyncPoints(dir).has(settings.id), 'the first catch-up noted where the archive stands', 10_000);
    const syncedAt = archiveSyncPoints(dir).get(settings.id);

    const phone = await suite.open(ALICE, 'phone');
    await phone.call('sendMessage', { accountId: phone.accountId, to: BOB, body: 'sent from my phone' });
    const carbon = await waitForEvent(first.app.events, 'messageReceived', (m) => m.body === 'sent from my phone');
    expect(carbon).toMatchObject({ direction: 'out', carbon: true, peer: BOB });
    await bob.next('messageReceived', (m) => m.body === 'sent from my phone');
    await first.app.close();

    // The next login's catch-up reads the archive from before the phone's message: its copy is the same message.
    const second = await appOn(dir);
    await second.call('connect', { accountId: settings.id, password: password('alice') });
    await waitUntil(() => archiveSyncPoints(dir).get(settings.id) !== syncedAt, "the catch-up went past the phone's message", 10_000);
    const history = await second.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 20 });
    expect(history.messages.filter((m) => m.body === 'sent from my phone')).toEqual([expect.objectContaining({ id: carbon.id, direction: 'out' })]);
  });
});
