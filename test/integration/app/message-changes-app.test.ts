/**
 * Message changes (issue 14) between two accounts on a real Prosody, through the app's own requests and
 * events: corrections (XEP-0308), retractions (XEP-0424), reactions (XEP-0444) and replies (XEP-0461 with the
 * XEP-0428 fallback), each both ways; the hostile cases (a correction or retraction from someone other than
 * the sender, a reaction to or a reply naming an unknown message) from a plain session that sends what the app
 * never would; and what is stored after a restart.
 */
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { password } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import type { ChatClient } from './chat-client.js';
import { plaintextChatSuite } from './chat-suite.js';
import { messageBarrier } from './message-barrier.js';
import { rawSession } from './raw-xmpp-client.js';
import { restartableApps } from './restartable-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

describe.runIf(available)('message changes between two accounts', () => {
  const suite = plaintextChatSuite();
  const { appOn, freshDir } = restartableApps(suite, 'hostproof-changes-');

  /** `from` writes to `to`; answers the message as each side holds it. */
  async function exchange(from: ChatClient, to: ChatClient, body: string): Promise<{ sent: ChatMessage; received: ChatMessage }> {
    const mark = to.mark();
    const sent = await from.call('sendMessage', { accountId: from.accountId, to: to.jid, body });
    const received = await to.next('messageReceived', (m) => m.body === body, { after: mark });
    await from.next('messageUpdated', (u) => u.id === sent.id && u.state !== 'queued');
    return { sent, received };
  }

  async function pair(): Promise<[ChatClient, ChatClient]> {
    return [await suite.open(ALICE, 'desk'), await suite.open(BOB, 'laptop')];
  }

  it('a correction replaces the text on both sides and keeps the earlier version, both ways', async () => {
    const [alice, bob] = await pair();
    for (const [writer, reader] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const { sent, received } = await exchange(writer, reader, `see you at 5 from ${writer.jid}`);
      const mark = reader.mark();
      const mine = await writer.call('changeMessage', { accountId: writer.accountId, peer: reader.jid, id: sent.id, change: { kind: 'correct', body: 'see you at 6' } });
      expect(mine).toMatchObject({ id: sent.id, body: 'see you at 6', changes: { earlier: [{ body: sent.body }], retracted: false } });
      const theirs = await reader.next('messageChanged', (m) => m.id === received.id, { after: mark });
      expect(theirs).toMatchObject({ body: 'see you at 6', changes: { earlier: [{ body: sent.body }] } });
      // A second correction names the first message again (XEP-0308 §5) and adds to the versions.
      await writer.call('changeMessage', { accountId: writer.accountId, peer: reader.jid, id: sent.id, change: { kind: 'correct', body: 'see you at 7' } });
      const again = await reader.next('messageChanged', (m) => m.id === received.id && m.body === 'see you at 7', { after: mark });
      expect(again.changes?.earlier.map((v) => v.body)).toEqual([sent.body, 'see you at 6']);
    }
  });

  it('a retraction shows the message as removed on both sides, both ways', async () => {
    const [alice, bob] = await pair();
    for (const [writer, reader] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const { sent, received } = await exchange(writer, reader, `oops, wrong chat (${writer.jid})`);
      const mark = reader.mark();
      const mine = await writer.call('changeMessage', { accountId: writer.accountId, peer: reader.jid, id: sent.id, change: { kind: 'retract' } });
      expect(mine).toMatchObject({ body: '', changes: { retracted: true } });
      const theirs = await reader.next('messageChanged', (m) => m.id === received.id, { after: mark });
      expect(theirs).toMatchObject({ body: '', changes: { retracted: true, earlier: [] } });
      // The retraction's fallback body is not shown as a message of its own.
      await messageBarrier(writer, reader.jid, [reader]);
      expect(reader.all('messageReceived', mark).filter((m) => !m.body.startsWith('barrier '))).toEqual([]);
    }
  });

  it('reactions show under the message; a sender\'s latest reactions replace their earlier ones, both ways', async () => {
    const [alice, bob] = await pair();
    for (const [writer, reactor] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const { sent, received } = await exchange(writer, reactor, `lunch? (${writer.jid})`);
      const mark = writer.mark();
      await reactor.call('changeMessage', { accountId: reactor.accountId, peer: writer.jid, id: received.id, change: { kind: 'react', emojis: ['👍', '😂'] } });
      const first = await writer.next('messageChanged', (m) => m.id === sent.id, { after: mark });
      expect(first.changes?.reactions).toEqual([{ sender: reactor.jid, emojis: ['👍', '😂'] }]);
      await reactor.call('changeMessage', { accountId: reactor.accountId, peer: writer.jid, id: received.id, change: { kind: 'react', emojis: ['❤️'] } });
      const second = await writer.next('messageChanged', (m) => m.id === sent.id && m.changes?.reactions[0]?.emojis[0] === '❤️', { after: mark });
      expect(second.changes?.reactions).toEqual([{ sender: reactor.jid, emojis: ['❤️'] }]);
      // The writer reacts to their own message too: both people's reactions stand side by side.
      const both = await writer.call('changeMessage', { accountId: writer.accountId, peer: reactor.jid, id: sent.id, change: { kind: 'react', emojis: ['👍'] } });
      expect(both.changes?.reactions).toEqual([
        { sender: reactor.jid, emojis: ['❤️'] },
        { sender: writer.jid, emojis: ['👍'] },
      ]);
    }
  });

  it('a reply names its original and arrives without its fallback quote, both ways', async () => {
    const [alice, bob] = await pair();
    for (const [writer, replier] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const { sent, received } = await exchange(writer, replier, `who brings the cake? (${writer.jid})`);
      const mark = writer.mark();
      const reply = await replier.call('sendReply', { accountId: replier.accountId, to: writer.jid, body: 'I do', replyTo: received.id });
      expect(reply).toMatchObject({ body: 'I do', replyTo: { id: received.stanzaId, to: writer.jid } });
      const arrived = await writer.next('messageReceived', (m) => m.body === 'I do', { after: mark });
      expect(arrived.replyTo).toEqual({ id: sent.stanzaId, to: writer.jid, fallback: null });
    }
  });

  it('refuses a correction or retraction from someone other than the sender, and ignores reactions to unknown messages', async () => {
    const alice = await suite.open(ALICE, 'desk');
    const bob = await rawSession(suite.world, 'bob', 'forger');
    suite.track(bob);
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: BOB, body: 'my own words' });
    await alice.next('messageUpdated', (u) => u.id === sent.id && u.state !== 'queued');
    const ref = sent.stanzaId ?? '';
    const mark = alice.mark();
    await bob.send(
      xml('message', { to: alice.fullJid, type: 'chat', id: 'forged-1' }, xml('body', {}, 'words put in her mouth'), xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: ref })),
    );
    await bob.send(xml('message', { to: alice.fullJid, type: 'chat', id: 'forged-2' }, xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id: ref }), xml('body', {}, 'retracted')));
    await bob.send(xml('message', { to: alice.fullJid, type: 'chat', id: 'forged-3' }, xml('reactions', { xmlns: 'urn:xmpp:reactions:0', id: 'no-such-message' }, xml('reaction', {}, '💩'))));
    await bob.send(xml('message', { to: alice.fullJid, type: 'chat', id: 'honest-1' }, xml('body', {}, 'after the forgeries')));
    await alice.next('messageReceived', (m) => m.body === 'after the forgeries', { after: mark });

    expect(alice.all('messageChanged', mark)).toEqual([]);
    expect(alice.all('messageReceived', mark).map((m) => m.body)).toEqual(['after the forgeries']);
    const page = await alice.call('loadHistory', { accountId: alice.accountId, peer: BOB, limit: 10 });
    expect(page.messages.find((m) => m.id === sent.id)).toMatchObject({ body: 'my own words' });
    expect(page.messages.find((m) => m.id === sent.id)?.changes).toBeUndefined();
  });

  it('a reply naming an unknown message arrives as a message (the window shows no quote); its fallback is stripped', async () => {
    const alice = await suite.open(ALICE, 'desk');
    const bob = await rawSession(suite.world, 'bob', 'replier');
    suite.track(bob);
    const mark = alice.mark();
    const quote = '> Alice wrote:\n> something she never said\n';
    await bob.send(
      xml(
        'message',
        { to: alice.fullJid, type: 'chat', id: 'reply-1' },
        xml('body', {}, `${quote}indeed`),
        xml('reply', { xmlns: 'urn:xmpp:reply:0', id: 'no-such-message', to: ALICE }),
        xml('fallback', { xmlns: 'urn:xmpp:fallback:0', for: 'urn:xmpp:reply:0' }, xml('body', { start: '0', end: String([...quote].length) })),
      ),
    );
    const arrived = await alice.next('messageReceived', (m) => m.peer === BOB, { after: mark });
    expect(arrived).toMatchObject({ body: 'indeed', replyTo: { id: 'no-such-message', to: ALICE } });
  });

  it('a live correction of a message we do not have is shown as a new message', async () => {
    const alice = await suite.open(ALICE, 'desk');
    const bob = await rawSession(suite.world, 'bob', 'late');
    suite.track(bob);
    const mark = alice.mark();
    await bob.send(xml('message', { to: alice.fullJid, type: 'chat', id: 'fix-1' }, xml('body', {}, 'the fixed text'), xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: 'never-seen' })));
    await expect(alice.next('messageReceived', (m) => m.peer === BOB, { after: mark })).resolves.toMatchObject({ body: 'the fixed text' });
  });

  it("changes made on one of the account's devices reach its other device (carbons)", async () => {
    const desk = await suite.open(ALICE, 'desk');
    const phone = await suite.open(ALICE, 'phone');
    const bob = await suite.open(BOB, 'laptop');
    // To the bare address: both devices have it (each has sent its presence, after enabling carbons).
    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'to both your devices' });
    const onDesk = await desk.next('messageReceived', (m) => m.body === 'to both your devices');
    const onPhone = await phone.next('messageReceived', (m) => m.body === 'to both your devices');

    const mark = phone.mark();
    await desk.call('changeMessage', { accountId: desk.accountId, peer: BOB, id: onDesk.id, change: { kind: 'react', emojis: ['🙏'] } });
    const reacted = await phone.next('messageChanged', (m) => m.id === onPhone.id, { after: mark });
    expect(reacted.changes?.reactions).toEqual([{ sender: ALICE, emojis: ['🙏'] }]);

    const { sent } = await exchange(desk, bob, 'written at the desk');
    const copy = await phone.next('messageReceived', (m) => m.body === 'written at the desk');
    await desk.call('changeMessage', { accountId: desk.accountId, peer: BOB, id: sent.id, change: { kind: 'correct', body: 'corrected at the desk' } });
    const corrected = await phone.next('messageChanged', (m) => m.id === copy.id, { after: mark });
    expect(corrected).toMatchObject({ direction: 'out', body: 'corrected at the desk', changes: { earlier: [{ body: 'written at the desk' }] } });
  });

  it('changes made while the app was closed are applied after the next login', async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await waitForEvent(first.app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'online');
    const sent = await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'before you left' });
    const here = await waitForEvent(first.app.events, 'messageReceived', (m) => m.body === 'before you left');
    await bob.next('messageUpdated', (u) => u.id === sent.id && u.state !== 'queued');
    await first.app.close();

    await bob.call('changeMessage', { accountId: bob.accountId, peer: ALICE, id: sent.id, change: { kind: 'correct', body: 'while you were away' } });
    await bob.call('changeMessage', { accountId: bob.accountId, peer: ALICE, id: sent.id, change: { kind: 'react', emojis: ['👋'] } });

    const second = await appOn(dir);
    await second.call('connect', { accountId: settings.id, password: password('alice') });
    await waitForEvent(second.app.events, 'messageChanged', (m) => m.id === here.id && (m.changes?.reactions.length ?? 0) > 0);
    // The file's other tests wrote to the same accounts: only this message is looked at.
    const page = await second.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 5 });
    expect(page.messages.find((m) => m.id === here.id)).toMatchObject({ body: 'while you were away' });
    expect(page.messages.find((m) => m.id === here.id)).toMatchObject({ id: here.id, changes: { earlier: [{ body: 'before you left' }], reactions: [{ sender: BOB, emojis: ['👋'] }] } });
  });

  it('corrections, reactions and retractions are stored: after a restart the history shows them as before', async () => {
    const dir = await freshDir();
    const bob = await suite.open(BOB, 'laptop');
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false });
    await waitForEvent(first.app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'online');
    await waitForEvent(first.app.events, 'rosterChanged', (p) => p.accountId === settings.id);
    const waitFor = (body: string) => waitForEvent(first.app.events, 'messageReceived', (m) => m.body === body);
    const one = await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'first draft' });
    const two = await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'to be removed' });
    const oneHere = await waitFor('first draft');
    const twoHere = await waitFor('to be removed');
    await bob.next('messageUpdated', (u) => u.id === two.id && u.state !== 'queued');
    await bob.next('messageUpdated', (u) => u.id === one.id && u.state !== 'queued');
    await bob.call('changeMessage', { accountId: bob.accountId, peer: ALICE, id: one.id, change: { kind: 'correct', body: 'final text' } });
    await bob.call('changeMessage', { accountId: bob.accountId, peer: ALICE, id: two.id, change: { kind: 'retract' } });
    await waitForEvent(first.app.events, 'messageChanged', (m) => m.body === 'final text');
    await waitForEvent(first.app.events, 'messageChanged', (m) => m.id === twoHere.id && m.changes?.retracted === true);
    await first.call('changeMessage', { accountId: settings.id, peer: BOB, id: oneHere.id, change: { kind: 'react', emojis: ['🙏'] } });
    // The file's other tests wrote to the same accounts: only this test's two messages are looked at.
    const ours = (page: { messages: readonly ChatMessage[] }) => page.messages.filter((m) => m.id === oneHere.id || m.id === twoHere.id);
    const before = ours(await first.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 5 }));
    await first.app.close();

    const second = await appOn(dir);
    const after = ours(await second.call('loadHistory', { accountId: settings.id, peer: BOB, limit: 5 }));
    expect(after).toEqual(before);
    expect(after.map((m) => m.body)).toEqual(['final text', '']);
    expect(after[0]).toMatchObject({ id: oneHere.id, changes: { earlier: [{ body: 'first draft' }], reactions: [{ sender: ALICE, emojis: ['🙏'] }] } });
    expect(after[1]?.changes?.retracted).toBe(true);
  });
});
