/**
 * The session core against a real Prosody: from connectVerified()'s silent TLS socket to an online session
 * over STARTTLS and direct TLS, with our SASL, resource binding, iq requests and answers.
 */
import xml from '@xmpp/xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../../../main/xmpp/errors.js';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { shouldReconnect } from '../../../../main/xmpp/reconnect-policy.js';
import { openSession } from '../../../../main/xmpp/session/open-session.js';
import type { XmppSession } from '../../../../main/xmpp/session/xmpp-session.js';
import { type Prosody } from '../../../harness/prosody.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { connectToLoopback, startSessionProsody } from './verified-connection.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP session)');
const DOMAIN = 'hosted.test';

describe.runIf(hasProsody)('XMPP session against Prosody', () => {
  let prosody: Prosody;
  let caPem: string;
  const open: XmppSession[] = [];

  beforeAll(async () => {
    ({ prosody, caPem } = await startSessionProsody());
  });

  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await prosody?.stop();
  });

  async function login(user: string, password: string, resource: string, directTls = false): Promise<XmppSession> {
    const { connection, verdict } = await connectToLoopback({ port: directTls ? prosody.directTlsPort : prosody.starttlsPort, directTls, caPem });
    expect(verdict.verified).toBe(true);
    const session = await openSession({
      connection,
      serverProof: 'pkix',
      domain: DOMAIN,
      credentials: { username: user, password },
      resource,
      previousMechanism: null,
    });
    open.push(session);
    return session;
  }

  it('goes online over STARTTLS with SCRAM-SHA-1, the requested resource and stream management', async () => {
    const session = await login('alice', 'alice-secret', 'desk');
    expect(session.jid).toBe('alice@hosted.test/desk');
    expect(session.status).toBe('online');
    expect(session.mechanism).toBe('SCRAM-SHA-1');
    expect(session.lastStart).toMatchObject({ kind: 'bound', streamManagement: true, notResumed: null });
  });

  it('goes online over direct TLS', async () => {
    const session = await login('alice', 'alice-secret', 'laptop', true);
    expect(session.jid).toBe('alice@hosted.test/laptop');
    expect(session.status).toBe('online');
  });

  it('refuses a wrong password with AuthenticationError, closes the socket, and the policy does not retry', async () => {
    const { connection } = await connectToLoopback({ port: prosody.starttlsPort, directTls: false, caPem });
    const attempt = openSession({
      connection,
      serverProof: 'pkix',
      domain: DOMAIN,
      credentials: { username: 'alice', password: 'not-her-password' },
      resource: 'desk',
      previousMechanism: null,
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure).toMatchObject({ kind: 'rejected', condition: 'not-authorized' });
    expect((error as Error).message).toMatch(/did not accept the user name or password/);
    expect(shouldReconnect(error)).toBe(false);
    expect(connection.socket.destroyed).toBe(true);
  });

  it('answers a request (disco#info to the server) and rejects an error answer with StanzaError', async () => {
    const session = await login('alice', 'alice-secret', 'disco');
    const info = await session.request(xml('iq', { type: 'get', to: DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    expect(info.attrs.type).toBe('result');
    const identities = info.getChild('query', 'http://jabber.org/protocol/disco#info')?.getChildren('identity') ?? [];
    expect(identities.some((i) => i.attrs.category === 'server')).toBe(true);

    const refused = await session
      .request(xml('iq', { type: 'get', to: DOMAIN }, xml('query', { xmlns: 'urn:hostproof:test:nothing-here' })))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StanzaError);
    expect((refused as StanzaError).condition).toBe('service-unavailable');
  });

  it("answers another client's ping, and 'service-unavailable' for an iq nobody handles", async () => {
    const alice = await login('alice', 'alice-secret', 'pinged');
    const bob = await login('bob', 'bob-secret', 'pinger');

    const pong = await bob.request(xml('iq', { type: 'get', to: alice.jid }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).toBe('result');
    expect(pong.attrs.from).toBe(alice.jid);

    const unknown = await bob
      .request(xml('iq', { type: 'get', to: alice.jid }, xml('query', { xmlns: 'urn:hostproof:test:unknown' })))
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(StanzaError);
    expect((unknown as StanzaError).condition).toBe('service-unavailable');

    // A handler registered through the link answers instead.
    const stop = alice.handleIq('get', 'urn:hostproof:test:unknown', 'query', () => xml('query', { xmlns: 'urn:hostproof:test:unknown' }, xml('ok')));
    const answered = await bob.request(xml('iq', { type: 'get', to: alice.jid }, xml('query', { xmlns: 'urn:hostproof:test:unknown' })));
    expect(answered.getChild('query', 'urn:hostproof:test:unknown')?.getChild('ok')).toBeDefined();
    stop();
  });

  it('delivers messages between two sessions and reports a clean close as error null', async () => {
    const alice = await login('alice', 'alice-secret', 'chat');
    const bob = await login('bob', 'bob-secret', 'chat');
    const received = new Promise<string>((resolve) => {
      bob.onStanza((stanza) => {
        if (stanza.name === 'message') resolve(stanza.getChildText('body') ?? '');
      });
    });
    const acked = new Promise<string>((resolve) => alice.on('acked', (stanza) => resolve(stanza.getChildText('body') ?? '')));
    await alice.send(xml('message', { to: bob.jid, type: 'chat' }, xml('body', {}, 'hello bob')));
    expect(await received).toBe('hello bob');
    // Stream management: the server acknowledges the message, and nothing is left unacknowledged.
    expect(await acked).toBe('hello bob');
    expect(alice.unacknowledged()).toEqual([]);

    const closed = new Promise<Error | null>((resolve) => alice.onClosed(resolve));
    await alice.close();
    expect(await closed).toBeNull();
    expect(alice.status).toBe('closed');
  });
});
