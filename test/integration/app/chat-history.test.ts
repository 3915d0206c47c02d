/**
 * History from the server archive (XEP-0313 MAM with XEP-0059 paging) through the app's `loadHistory`, on a
 * real Prosody that archives one-to-one chat: a fresh app pages backwards from the newest page until the
 * archive is complete and gets the conversation in order; messages the app already holds (seen live or sent
 * by it) come back as the same messages, never as second copies.
 */
import type { ChatMessage } from '../../../app/domain/chat.js';
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { plaintextChatSuite } from './chat-suite.js';
import { type ChatClient } from './chat-client.js';
import { befriend, seesOnline } from './chat-friends.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

/** The conversation held before each test: odd lines from Alice, even lines from Bob. */
const LINES = ['m1 hello', 'm2 hi', 'm3 how are you', 'm4 fine', 'm5 and you', 'm6 good', 'm7 bye'];
const directionFromAlice = (i: number): 'out' | 'in' => (i % 2 === 0 ? 'out' : 'in');

describe.runIf(available)('history from the server archive', () => {
  const suite = plaintextChatSuite();

  const open = suite.open;

  /** Alice and Bob of `domain` become contacts and hold the conversation LINES, each line delivered before the next. */
  async function converse(domain: string): Promise<{ alice: ChatClient; bob: ChatClient; live: Map<string, ChatMessage> }> {
    const alice = await open(`alice@${domain}`, 'desk');
    const bob = await open(`bob@${domain}`, 'laptop');
    await befriend(alice, bob);
    await Promise.all([seesOnline(alice, bob, 'laptop'), seesOnline(bob, alice, 'desk')]);
    // What Alice's app holds for each line: her sent message or the one she received.
    const live = new Map<string, ChatMessage>();
    for (const [i, body] of LINES.entries()) {
      const [writer, reader] = directionFromAlice(i) === 'out' ? [alice, bob] : [bob, alice];
      const sent = await writer.call('sendMessage', { accountId: writer.accountId, to: reader.jid, body });
      const received = await reader.next('messageReceived', (m) => m.body === body);
      live.set(body, writer === alice ? sent : received);
    }
    return { alice, bob, live };
  }

  /** Pages backwards as the window does: no `before` for the newest page, then the oldest message shown. */
  async function pageBackwards(client: ChatClient, peer: string, limit: number): Promise<{ pages: ChatMessage[][]; all: ChatMessage[] }> {
    const pages: ChatMessage[][] = [];
    let before: string | undefined;
    for (let round = 0; round < 20; round += 1) {
      const page = await client.call('loadHistory', { accountId: client.accountId, peer, limit, ...(before === undefined ? {} : { before }) });
      pages.push([...page.messages]);
      if (page.complete) return { pages, all: pages.toReversed().flat() };
      // The window continues before the oldest message it shows (its local id).
      const oldest = page.messages[0]?.id;
      expect(oldest, `page ${round + 1} is not complete but empty`).toBeDefined();
      before = oldest;
    }
    throw new Error('The archive never said it was complete');
  }

  it('a fresh app pages backwards until complete and gets the whole conversation in order', async () => {
    await converse('valid.test');
    const fresh = await open('alice@valid.test', 'archive-reader');

    const { pages, all } = await pageBackwards(fresh, 'bob@valid.test', 3);
    // Seven messages in pages of three, newest first: 3, 3, then the oldest one (receipts are archived too,
    // but a page counts conversation messages).
    expect(pages.map((p) => p.map((m) => m.body))).toEqual([LINES.slice(4, 7), LINES.slice(1, 4), LINES.slice(0, 1)]);
    expect(all.map((m) => m.body)).toEqual(LINES);
    expect(all.map((m) => m.direction)).toEqual(LINES.map((_, i) => directionFromAlice(i)));
    for (const m of all) expect(m).toMatchObject({ accountId: fresh.accountId, peer: 'bob@valid.test', carbon: false, error: null });
    // Each carries its archive id, all different; times never go backwards.
    const archiveIds = all.map((m) => m.archiveId);
    expect(archiveIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(archiveIds).size).toBe(LINES.length);
    expect(new Set(all.map((m) => m.id)).size).toBe(LINES.length);
    const times = all.map((m) => Date.parse(m.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('asking again for the newest page starts from the newest message, not where paging stopped', async () => {
    await converse('posh.test');
    const fresh = await open('alice@posh.test', 'archive-reader');
    const first = await pageBackwards(fresh, 'bob@posh.test', 3);
    // The window is closed and opened again: it asks for the newest page with no `before`.
    const again = await fresh.call('loadHistory', { accountId: fresh.accountId, peer: 'bob@posh.test', limit: 3 });
    expect(again.messages.map((m) => m.body)).toEqual(LINES.slice(4, 7));
    // The same archived messages keep the local ids they were first given.
    const firstIds = new Map(first.all.map((m) => [m.body, m.id]));
    expect(again.messages.map((m) => m.id)).toEqual(LINES.slice(4, 7).map((body) => firstIds.get(body)));
  });

  it('messages seen live come back as the same messages: no second copies, and a later live one joins once', async () => {
    const { alice, bob, live } = await converse('ref.test');

    // Alice's own app saw the whole conversation live: history gives back those very messages (same local id),
    // in order, from what it stored; the archive was asked only for what is older than the oldest archive id
    // it holds (Bob's first line, which the server stamped with its stanza-id on the way in), and had m1.
    const page = await alice.call('loadHistory', { accountId: alice.accountId, peer: bob.jid, limit: 50 });
    expect(page.complete).toBe(true);
    expect(page.messages.map((m) => m.body)).toEqual(LINES);
    expect(page.messages.map((m) => m.id)).toEqual(LINES.map((body) => live.get(body)?.id));
    expect(page.messages.filter((m) => m.direction === 'in').every((m) => m.archiveId !== null)).toBe(true);
    expect(page.messages[0]?.archiveId).not.toBeNull();
    // Her sent messages keep their delivery state (each was acknowledged by Bob's app).
    const firstSent = live.get(LINES[0]!);
    await alice.next('messageUpdated', (u) => u.id === firstSent?.id && u.state === 'delivered');
    const again = await alice.call('loadHistory', { accountId: alice.accountId, peer: bob.jid, limit: 50 });
    expect(again.messages.find((m) => m.body === LINES[0])).toMatchObject({ id: firstSent?.id, state: 'delivered', direction: 'out' });

    // A fresh app reads history, then a new live message arrives: it shows once, and the next history page
    // returns it as that same message.
    const fresh = await open(`alice@ref.test`, 'archive-reader');
    await seesOnline(bob, fresh, 'archive-reader');
    const before = await fresh.call('loadHistory', { accountId: fresh.accountId, peer: bob.jid, limit: 50 });
    expect(before.messages.map((m) => m.body)).toEqual(LINES);
    const mark = fresh.mark();
    await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'm8 one more thing' });
    const arrived = await fresh.next('messageReceived', (m) => m.body === 'm8 one more thing', { after: mark });
    const after = await fresh.call('loadHistory', { accountId: fresh.accountId, peer: bob.jid, limit: 50 });
    expect(after.messages.map((m) => m.body)).toEqual([...LINES, 'm8 one more thing']);
    expect(after.messages.at(-1)?.id).toBe(arrived.id);
    expect(after.messages.slice(0, LINES.length).map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    expect(fresh.all('messageReceived', mark).filter((m) => m.body === 'm8 one more thing')).toHaveLength(1);
  });
});
