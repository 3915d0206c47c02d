/**
 * XEP-0198 against a real Prosody (mod_smacks): the TCP connection is killed under an online session, a new
 * verified connection is made, and the session resumes: same JID, what the server queued for us arrives,
 * what we sent while cut off goes out once, and nothing is delivered twice. A resumption the server cannot
 * honour falls back to a fresh bind and hands back the stanzas it could not confirm.
 */
import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { ConnectionLostError, SessionTimeoutError } from '../../../../main/xmpp/errors.js';
import { createSession, openSession } from '../../../../main/xmpp/session/open-session.js';
import type { DisconnectedEvent, SessionStart, XmppSession } from '../../../../main/xmpp/session/xmpp-session.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { useSessionProsody } from './verified-connection.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP session resumption)');
const DOMAIN = 'hosted.test';

describe.runIf(hasProsody)('stream management resumption against Prosody', () => {
  const rig = useSessionProsody();
  const { verified, closeLater } = rig;

  const config = (user: 'alice' | 'bob', resource: string) => ({
    domain: DOMAIN,
    credentials: { username: user, password: `${user}-secret` },
    resource,
    previousMechanism: null,
  });

  /** Bodies of the chat messages a session receives, in order. */
  function inbox(session: XmppSession): string[] {
    const bodies: string[] = [];
    session.onStanza((stanza) => {
      const body = stanza.name === 'message' ? stanza.getChildText('body') : null;
      if (body) bodies.push(body);
    });
    return bodies;
  }

  const chat = (to: string, body: string): Element => xml('message', { to, type: 'chat' }, xml('body', {}, body));

  /**
   * A barrier: `from` sends a marker to `to`, which has it once `inbox` does. The server delivers one sender's
   * stanzas in order, so whatever `from` sent before has arrived by then (a duplicate included).
   */
  async function barrier(from: XmppSession, to: string, inbox: readonly string[]): Promise<void> {
    const marker = `barrier ${randomUUID()}`;
    await from.send(chat(to, marker));
    await waitUntil(() => inbox.includes(marker), 'the barrier message');
  }

  it('resumes the same session on a new verified connection after the TCP connection is killed', async () => {
    const bob = await openSession({ connection: await verified(), serverProof: 'pkix', ...config('bob', 'phone') });
    closeLater(bob);
    const bobInbox = inbox(bob);

    const alice = createSession(config('alice', 'desk'));
    closeLater(alice);
    const aliceInbox = inbox(alice);
    const events: string[] = [];
    alice.on('online', () => events.push('online'));
    alice.on('resumed', () => events.push('resumed'));
    const disconnected = new Promise<DisconnectedEvent>((resolve) => alice.on('disconnected', resolve));

    const first = await verified();
    const started = await alice.open({ connection: first, serverProof: 'pkix' });
    expect(started).toMatchObject({ kind: 'bound', jid: 'alice@hosted.test/desk', streamManagement: true });

    // Sent and received by the server before the drop (acknowledged or not: it must arrive once).
    await alice.send(chat(bob.jid, 'before the drop'));
    await waitUntil(() => bobInbox.includes('before the drop'), 'the first message');

    // The TCP connection dies without a goodbye.
    first.socket.destroy();
    const drop = await disconnected;
    expect(drop.resumable).toBe(true);
    expect(drop.error).toBeInstanceOf(ConnectionLostError);
    expect(alice.status).toBe('detached');

    // While cut off: bob writes to alice (the server keeps it for the hibernating session) and alice writes
    // to bob (held by the session, counted as unacknowledged).
    await bob.send(chat(alice.jid, 'while you were away'));
    await alice.send(chat(bob.jid, 'written while cut off'));
    // A request made while cut off is answered after the resumption (requests belong to the session).
    const pendingPing = alice.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(alice.unacknowledged().map((s) => s.getChildText('body'))).toContain('written while cut off');
    const state = alice.resumeState();
    expect(state?.jid).toBe('alice@hosted.test/desk');
    expect(state?.id).not.toBe('');

    const resumed = await alice.open({ connection: await verified(), serverProof: 'pkix' });
    expect(resumed.kind).toBe('resumed');
    expect(resumed.jid).toBe('alice@hosted.test/desk');
    expect(alice.jid).toBe('alice@hosted.test/desk');
    expect((resumed as Extract<SessionStart, { kind: 'resumed' }>).resent).toBeGreaterThanOrEqual(1);
    expect(events).toEqual(['online', 'resumed']);
    expect((await pendingPing).attrs.type).toBe('result');

    await waitUntil(() => bobInbox.includes('written while cut off'), 'the held message');
    await waitUntil(() => aliceInbox.includes('while you were away'), 'the message queued by the server');
    await barrier(alice, bob.jid, bobInbox);
    await barrier(bob, alice.jid, aliceInbox);
    expect(bobInbox.filter((b) => b === 'before the drop')).toHaveLength(1);
    expect(bobInbox.filter((b) => b === 'written while cut off')).toHaveLength(1);
    expect(aliceInbox.filter((b) => b === 'while you were away')).toHaveLength(1);

    // The resumed stream is a working session: a request round-trips and everything gets acknowledged.
    const pong = await alice.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).toBe('result');
    // xmpp.js asks for an ack shortly after each send; the server's answer empties the queue.
    await waitUntil(() => alice.unacknowledged().length === 0, 'all stanzas acknowledged');
  });

  it('goes online before <enabled/> arrives, and a message sent at once is acknowledged and resumed after a drop', async () => {
    const bob = await openSession({ connection: await verified(), serverProof: 'pkix', ...config('bob', 'watch') });
    closeLater(bob);
    const bobInbox = inbox(bob);
    const alice = createSession(config('alice', 'at-once'));
    closeLater(alice);
    const acked: string[] = [];
    alice.onAcked((id) => acked.push(id));

    const first = await verified();
    const start = await alice.open({ connection: first, serverProof: 'pkix' });
    // open() resolved in the turn our <enable/> was written: no byte of the server's answer has been read yet.
    expect(start).toMatchObject({ kind: 'bound', streamManagement: true });
    expect(alice.resumeState()).toBeNull();
    await alice.send(xml('message', { id: 'at-once', to: bob.jid, type: 'chat' }, xml('body', {}, 'sent at once')));

    // Counted from <enable/>: the server's ack names it, and the state to resume starts after it.
    await waitUntil(() => acked.includes('at-once'), 'the ack of the message sent at once');
    expect(alice.resumeState()).toMatchObject({ outbound: 1, unacked: [] });

    // A message sent now and the connection killed: resumption sends it, once.
    await alice.send(chat(bob.jid, 'just before the drop'));
    const dropped = new Promise<DisconnectedEvent>((resolve) => alice.on('disconnected', resolve));
    first.socket.destroy();
    expect((await dropped).resumable).toBe(true);
    expect((await alice.open({ connection: await verified(), serverProof: 'pkix' })).kind).toBe('resumed');
    await barrier(alice, bob.jid, bobInbox);
    expect(bobInbox.filter((b) => b === 'sent at once')).toHaveLength(1);
    expect(bobInbox.filter((b) => b === 'just before the drop')).toHaveLength(1);
  });

  it('notices a frozen server through unanswered <r/> and resumes once it is back', async () => {
    const alice = createSession({ ...config('alice', 'frozen'), timeouts: { keepaliveIdleMs: 150, keepaliveAnswerMs: 300 } });
    closeLater(alice);
    const started = await alice.open({ connection: await verified(), serverProof: 'pkix' });
    expect(started.kind).toBe('bound');
    // Online comes before the server's <enabled/>: freeze it only once the session can be resumed.
    await waitUntil(() => alice.resumeState() !== null, 'stream management enabled');
    const disconnected = new Promise<DisconnectedEvent>((resolve) => alice.on('disconnected', resolve));

    process.kill(rig.prosody.pid, 'SIGSTOP');
    let drop: DisconnectedEvent;
    try {
      drop = await disconnected;
    } finally {
      process.kill(rig.prosody.pid, 'SIGCONT');
    }
    expect(drop.error).toBeInstanceOf(SessionTimeoutError);
    expect(drop.resumable).toBe(true);

    const resumed = await alice.open({ connection: await verified(), serverProof: 'pkix' });
    expect(resumed).toMatchObject({ kind: 'resumed', jid: 'alice@hosted.test/frozen' });
  });

  it('resumes in a new session object from the state the old one handed over', async () => {
    const before = createSession(config('alice', 'handover'));
    closeLater(before);
    const connection = await verified();
    await before.open({ connection, serverProof: 'pkix' });
    // Online comes before the server's <enabled/>; a drop can be resumed once it has come.
    await waitUntil(() => before.resumeState() !== null, 'stream management enabled');
    const dropped = new Promise<DisconnectedEvent>((resolve) => before.on('disconnected', resolve));
    connection.socket.destroy();
    expect((await dropped).resumable).toBe(true);
    const state = before.resumeState();
    expect(state).not.toBeNull();
    await before.close();

    const after = createSession(config('alice', 'handover'));
    closeLater(after);
    const start = await after.open({ connection: await verified(), serverProof: 'pkix', streamManagement: state });
    expect(start).toMatchObject({ kind: 'resumed', jid: 'alice@hosted.test/handover' });
    expect(after.jid).toBe('alice@hosted.test/handover');
    const pong = await after.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).toBe('result');
  });

  it('falls back to a fresh bind when the server cannot resume, and hands back the unconfirmed stanzas', async () => {
    const bob = await openSession({ connection: await verified(), serverProof: 'pkix', ...config('bob', 'tablet') });
    closeLater(bob);
    const bobInbox = inbox(bob);

    // A resumption state the server never issued (as after its hibernation time ran out).
    const unconfirmed = chat(bob.jid, 'never confirmed');
    const alice = await openSession({
      connection: await verified(),
      serverProof: 'pkix',
      ...config('alice', 'kitchen'),
      streamManagement: {
        id: 'no-such-session',
        jid: 'alice@hosted.test/kitchen',
        inbound: 0,
        outbound: 0,
        unacked: [{ stanza: unconfirmed, stamp: new Date().toISOString() }],
      },
    });
    closeLater(alice);
    const start = alice.lastStart;
    expect(start?.kind).toBe('bound');
    if (start?.kind !== 'bound') return;
    expect(start.jid).toMatch(/^alice@hosted\.test\//);
    expect(start.streamManagement).toBe(true);
    expect(start.notResumed?.reason).toMatch(/could not resume/);
    expect(start.notResumed?.unacked).toEqual([unconfirmed]);
    // Handed back, not sent: the caller's outgoing queue decides. Alice's next message comes after it would have.
    await barrier(alice, bob.jid, bobInbox);
    expect(bobInbox).not.toContain('never confirmed');
  });
});
