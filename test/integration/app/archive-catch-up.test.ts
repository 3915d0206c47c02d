/**
 * The account-wide archive catch-up (Archive.catchUp, XEP-0313 with RSM `<after>`) against a real Prosody
 * that archives one-to-one chat: the newest page gives a sync point; what arrives later, from two peers and
 * from the account itself, comes back from that point oldest first with each message's own peer, page by
 * page; an id the server does not know is a typed error. The catch-up runs on its own session of Alice's
 * account (the feature over a real link) while her app is online and receives everything live.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { ArchiveGapError, createArchive, type Archive, type CatchUpPage } from '../../../main/xmpp/features/archive.js';
import { createDedupe } from '../../../main/xmpp/features/dedupe.js';
import type { FeatureLogEntry } from '../../../main/xmpp/features/feature-deps.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import type { ChatClient } from './chat-client.js';
import { plaintextChatSuite } from './chat-suite.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('catching up with the server archive after the sync point', () => {
  const suite = plaintextChatSuite();

  /** `from` writes `body` to `to`, and `to`'s app has it before this returns: it is archived by then. */
  async function say(from: ChatClient, to: ChatClient, body: string): Promise<void> {
    await from.call('sendMessage', { accountId: from.accountId, to: to.jid, body });
    await to.next('messageReceived', (m) => m.body === body);
  }

  /** Alice's archive over a session of her own (resource `catch-up`), as the app's chat would build it. */
  async function aliceArchive(): Promise<{ archive: Archive; logged: FeatureLogEntry[] }> {
    const session = suite.track(await rawSession(suite.world, 'alice', 'catch-up'));
    const logged: FeatureLogEntry[] = [];
    const archive = createArchive({ link: session, accountId: 'alice-account', now: () => new Date(), ids: randomUUID, log: (e) => logged.push(e), dedupe: createDedupe() });
    return { archive, logged };
  }

  const view = (messages: readonly ChatMessage[]) => messages.map((m) => ({ body: m.body, peer: m.peer, direction: m.direction, state: m.state }));

  it('returns what came after the sync point, from every conversation, oldest first, page by page', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const otherBob = await suite.open('bob@posh.test', 'laptop');
    for (const body of ['b1 before', 'b2 before', 'b3 before']) await say(bob, alice, body);

    const { archive, logged } = await aliceArchive();
    // First sync: nothing stored yet, so only the newest page (not the oldest); its `last` becomes the sync point.
    const newestTwo = await archive.catchUp({ after: null, max: 2 });
    expect(newestTwo.messages.map((m) => m.body)).toEqual(['b2 before', 'b3 before']);
    const newest = await archive.catchUp({ after: null, max: 50 });
    expect(newest.messages.map((m) => m.body)).toEqual(['b1 before', 'b2 before', 'b3 before']);
    expect(newest.complete).toBe(true);
    const noted = newest.last;
    expect(noted).toBe(newest.messages.at(-1)?.archiveId);

    await say(bob, alice, 'b4 after');
    await say(otherBob, alice, 'p1 after, from the other domain');
    await say(alice, otherBob, 'a1 my reply');
    await say(bob, alice, 'b5 after');

    const caughtUp = await archive.catchUp({ after: noted, max: 50 });
    expect(view(caughtUp.messages)).toEqual([
      { body: 'b4 after', peer: 'bob@valid.test', direction: 'in', state: 'received' },
      { body: 'p1 after, from the other domain', peer: 'bob@posh.test', direction: 'in', state: 'received' },
      { body: 'a1 my reply', peer: 'bob@posh.test', direction: 'out', state: 'sent' },
      { body: 'b5 after', peer: 'bob@valid.test', direction: 'in', state: 'received' },
    ]);
    for (const m of caughtUp.messages) expect(m).toMatchObject({ accountId: 'alice-account', carbon: false, error: null });
    const archiveIds = caughtUp.messages.map((m) => m.archiveId);
    expect(new Set([noted, ...archiveIds]).size).toBe(5);
    expect(caughtUp.complete).toBe(true);
    expect(caughtUp.last).toBe(archiveIds.at(-1));

    // Page by page (two at a time) from the same point gives the same messages, and each page continues
    // where the one before ended.
    const pages: CatchUpPage[] = [];
    let after = noted;
    for (let round = 0; round < 10 && pages.at(-1)?.complete !== true; round += 1) {
      const page = await archive.catchUp({ after, max: 2 });
      pages.push(page);
      after = page.last ?? after;
    }
    expect(pages.map((p) => p.messages.map((m) => m.body))).toEqual([
      ['b4 after', 'p1 after, from the other domain'],
      ['a1 my reply', 'b5 after'],
    ]);
    expect(pages.map((p) => p.complete)).toEqual([false, true]);

    // Caught up: from the newest id there is nothing more, and the sync point stays where it is.
    expect(await archive.catchUp({ after: caughtUp.last, max: 50 })).toEqual({ messages: [], last: null, complete: true });
    expect(logged).toEqual([]);
  });

  it('an archive id the server does not know is an ArchiveGapError; the newest page still answers', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    await say(bob, alice, 'only message');
    const { archive } = await aliceArchive();

    const error = await archive.catchUp({ after: 'no-such-archive-id', max: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveGapError);
    expect(error).toMatchObject({ kind: 'unknown-archive-id', after: 'no-such-archive-id', cause: { condition: 'item-not-found' } });
    // The fallback the caller takes: the newest page, which ends with what is there.
    const newest = await archive.catchUp({ after: null, max: 10 });
    expect(newest.messages.at(-1)?.body).toBe('only message');
    expect(newest.last).toBe(newest.messages.at(-1)?.archiveId);
  });
});
