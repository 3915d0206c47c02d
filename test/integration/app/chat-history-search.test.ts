/**
 * Searching the history kept on this computer (issue 12 item 4), on a real Prosody: alice and bob exchange
 * messages; alice's app finds one by its words (her own too, with the match marked), reads the conversation
 * around it and pages newer until the latest; after a restart, before any connection, the same works from the
 * local database alone, and a removed account is refused.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { chatSuite } from './chat-suite.js';
import { restartableApps } from './restartable-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

describe.runIf(available)('searching the history on this computer', () => {
  const suite = chatSuite();
  const { appOn, freshDir } = restartableApps(suite, 'hostproof-search-');


  it('finds a message exchanged with bob, reads its neighbours and newer pages, also after a restart offline', async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await waitForEvent(first.app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'online');
    await waitForEvent(first.app.events, 'rosterChanged', (p) => p.accountId === settings.id);
    const accountId = settings.id;

    // Bob's lines, one of them about the ferry, then alice's answer mentioning it too, then more lines.
    const bodies = ['morning', 'the ferry leaves at nine', 'bring a coat', 'it is windy'];
    for (const body of bodies) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body });
      await waitForEvent(first.app.events, 'messageReceived', (m) => m.body === body);
    }
    const answer = await first.call('sendMessage', { accountId, to: BOB, body: 'I will take the Ferry too' });
    for (const body of ['see you', 'bye']) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body });
      await waitForEvent(first.app.events, 'messageReceived', (m) => m.body === body);
    }

    const found = await first.call('searchMessages', { text: 'ferry', accountId, peer: BOB, limit: 1 });
    expect(found.more).toBe(true);
    expect(found.hits).toEqual([{ message: expect.objectContaining({ id: answer.id, direction: 'out' }), context: expect.arrayContaining([{ text: 'Ferry', match: true }]) }]);
    const next = await first.call('searchMessages', { text: 'ferry', limit: 1, offset: 1 });
    expect(next.more).toBe(false);
    const bobsFerry = next.hits[0]?.message;
    expect(bobsFerry).toEqual(expect.objectContaining({ body: 'the ferry leaves at nine', peer: BOB, direction: 'in' }));

    const around = await first.call('loadHistoryAround', { accountId, peer: BOB, id: bobsFerry?.id, limit: 3 });
    expect(around.messages.map((m) => m.body)).toEqual(['morning', 'the ferry leaves at nine', 'bring a coat']);
    expect(around).toMatchObject({ reachedStart: true, latest: false });
    const newer = await first.call('loadNewerHistory', { accountId, peer: BOB, after: around.messages.at(-1)?.id, limit: 10 });
    expect(newer.messages.map((m) => m.body)).toEqual(['it is windy', 'I will take the Ferry too', 'see you', 'bye']);
    expect(newer.latest).toBe(true);
    await first.app.close();

    // A restart, not connected: the same from the local database alone.
    const second = await appOn(dir);
    const again = await second.call('searchMessages', { text: 'ferry leaves', limit: 10 });
    expect(again.hits.map((h) => h.message.id)).toEqual([bobsFerry?.id]);
    const aroundAgain = await second.call('loadHistoryAround', { accountId, peer: BOB, id: bobsFerry?.id, limit: 50 });
    expect(aroundAgain.messages.map((m) => m.body)).toEqual(['morning', ...bodies.slice(1), 'I will take the Ferry too', 'see you', 'bye']);
    expect(aroundAgain).toMatchObject({ reachedStart: true, latest: true });
    expect(second.app.events.filter((e) => e.event === 'connectionChanged')).toEqual([]);

    await second.call('removeAccount', { accountId });
    await expect(second.call('searchMessages', { text: 'ferry', accountId, limit: 10 })).rejects.toThrow('That account no longer exists.');
  });
});
