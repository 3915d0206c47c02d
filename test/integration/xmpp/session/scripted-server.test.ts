/**
 * The session against a scripted TLS server that records every byte it decrypts: the cases a real Prosody
 * will not play. A wrong password, a server that offers only PLAIN to an account that used SCRAM, one that
 * stays silent, keep-alives, and stream errors. Each test says exactly what left the client.
 * (A wrong or missing SCRAM signature and a server without STARTTLS are rows of the hardening suite:
 * test/hardening/hostile-servers/.)
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  MechanismDowngradeError,
  SessionTimeoutError,
  StreamError,
  TlsRequiredError,
} from '../../../../main/xmpp/errors.js';
import { shouldReconnect } from '../../../../main/xmpp/reconnect-policy.js';
import { openSession, type OpenSessionOptions } from '../../../../main/xmpp/session/open-session.js';
import type { DisconnectedEvent } from '../../../../main/xmpp/session/xmpp-session.js';
import type { SecuredConnection } from '../../../../main/xmpp/secure-connect.js';
import type { RecordingXmppServer } from '../../../harness/recording-xmpp-server.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { SCRIPTED_DOMAIN, SCRIPTED_USERS, useScriptedServers } from './scripted-servers.js';

const DOMAIN = SCRIPTED_DOMAIN;
const USERS = SCRIPTED_USERS;
const scripted = useScriptedServers();
const server = scripted.server;

async function login(
  target: RecordingXmppServer,
  directTls: boolean,
  extra: Partial<OpenSessionOptions> = {},
): Promise<{ attempt: Promise<Awaited<ReturnType<typeof openSession>>>; connection: SecuredConnection }> {
  const connection = await scripted.verified(target, directTls);
  const attempt = openSession({
    connection,
    serverProof: 'pkix',
    domain: DOMAIN,
    credentials: { username: 'alice', password: USERS.alice },
    resource: 'desk',
    previousMechanism: null,
    ...extra,
  });
  return { attempt, connection };
}

// The client serializes with double quotes (ltx); the counts and checks below look for its exact output.
const authCount = (text: string) => text.split('<auth ').length - 1;

describe('SASL against a scripted server', () => {
  it.each([
    ['STARTTLS', false],
    ['direct TLS', true],
  ] as const)('goes online when the server proves the password (%s; the positive control)', async (_label, directTls) => {
    const target = await server({ mode: directTls ? 'direct-tls' : 'starttls', script: { users: USERS } });
    const { attempt } = await login(target, directTls);
    const session = await attempt;
    expect(session.jid).toBe('alice@hosted.test/desk');
    expect(session.mechanism).toBe('SCRAM-SHA-1');
    expect(target.connections[0]?.boundJid).toBe('alice@hosted.test/desk');
    await session.close();
  });

  it('sends a wrong password once, and reports the refusal as not-authorized', async () => {
    const target = await server({ mode: 'starttls', script: { users: { alice: 'something else' } } });
    const { attempt } = await login(target, false);
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure).toMatchObject({ kind: 'rejected', condition: 'not-authorized' });
    await target.connections[0]!.closed();
    expect(authCount(target.received())).toBe(1);
  });

  it('refuses PLAIN-only when the account used SCRAM before, without sending any credential', async () => {
    const target = await server({ mode: 'starttls', script: { users: USERS, mechanisms: ['PLAIN'] } });
    const { attempt } = await login(target, false, { previousMechanism: 'SCRAM-SHA-1' });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect(shouldReconnect(error)).toBe(false);
    await target.connections[0]!.closed();
    const afterTls = target.connections[0]?.receivedAfterTls() ?? '';
    expect(afterTls).toContain('<stream:stream');
    expect(afterTls).not.toContain('<auth');
    expect(target.received()).not.toContain(Buffer.from(`\0alice\0${USERS.alice}`).toString('base64'));
  });

  it('uses PLAIN over verified TLS when that is all the server offers and no SCRAM was used before', async () => {
    const target = await server({ mode: 'direct-tls', script: { users: USERS, mechanisms: ['PLAIN'] } });
    const { attempt } = await login(target, true);
    const session = await attempt;
    expect(session.mechanism).toBe('PLAIN');
    expect(target.received()).toContain(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from(`\0alice\0${USERS.alice}`).toString('base64')}</auth>`,
    );
    await session.close();
  });
});

describe('resource binding', () => {
  it.each([
    [true, 1],
    [false, 0],
  ] as const)('establishes an RFC 3921 session only when the server requires it (required: %s)', async (sessionRequired, expected) => {
    const target = await server({ mode: 'direct-tls', script: { users: USERS, sessionRequired } });
    const { attempt } = await login(target, true);
    const session = await attempt;
    expect(session.jid).toBe('alice@hosted.test/desk');
    const sent = target.received();
    expect(sent.split('urn:ietf:params:xml:ns:xmpp-session').length - 1).toBe(expected);
    // Binding comes first (RFC 6120 §7), session establishment after it.
    if (sessionRequired) expect(sent.indexOf('xmpp-bind')).toBeLessThan(sent.indexOf('xmpp-session'));
    await session.close();
  });
});

describe('the session guards and limits', () => {
  it('refuses to log in on a socket that is not TLS, and writes nothing to it', async () => {
    let received = '';
    let closed!: () => void;
    const hungUp = new Promise<void>((resolve) => (closed = resolve));
    const plain = net.createServer((socket) => {
      socket.on('data', (d) => (received += d.toString()));
      socket.on('close', () => closed());
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const port = (plain.address() as net.AddressInfo).port;
      const socket = await new Promise<net.Socket>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
      });
      const connection = {
        socket,
        endpoint: { host: '127.0.0.1', port, directTls: false },
        address: { address: '127.0.0.1', family: 4 },
        chain: [],
        chainAuthorized: true,
        chainError: null,
      } as unknown as SecuredConnection;
      const attempt = openSession({
        connection,
        serverProof: 'pkix',
        domain: DOMAIN,
        credentials: { username: 'alice', password: USERS.alice },
        resource: 'desk',
        previousMechanism: null,
      });
      await expect(attempt).rejects.toBeInstanceOf(TlsRequiredError);
      // Whatever the client wrote before it hung up has arrived once the server sees the close.
      await hungUp;
      expect(received).toBe('');
      expect(socket.destroyed).toBe(true);
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });

  it('gives up on a server that never answers the stream header after TLS', async () => {
    const target = await server({ mode: 'direct-tls', script: { users: USERS, afterTls: 'silent' } });
    const { attempt, connection } = await login(target, true, { timeouts: { streamMs: 300, negotiationMs: 5_000 } });
    await expect(attempt).rejects.toBeInstanceOf(SessionTimeoutError);
    expect(connection.socket.destroyed).toBe(true);
    expect(target.received()).not.toContain('<auth');
  });

  it('declares a silent connection dead after an unanswered keep-alive ping, without closing the stream', async () => {
    const target = await server({ mode: 'direct-tls', script: { users: USERS, onStanza: () => undefined } });
    const { attempt } = await login(target, true, { timeouts: { keepaliveIdleMs: 100, keepaliveAnswerMs: 200 } });
    const session = await attempt;
    const event = await new Promise<DisconnectedEvent>((resolve) => session.on('disconnected', resolve));
    expect(event.error).toBeInstanceOf(SessionTimeoutError);
    expect(shouldReconnect(event.error)).toBe(true);
    const sent = target.received();
    expect(sent).toContain('urn:xmpp:ping');
    // Dropped, not closed: a graceful </stream:stream> would end a session that could be resumed.
    expect(sent).not.toContain('</stream:stream>');
  });

  it('stays online while the server answers the keep-alive pings', async () => {
    const target = await server({ mode: 'direct-tls', script: { users: USERS } });
    const { attempt } = await login(target, true, { timeouts: { keepaliveIdleMs: 100, keepaliveAnswerMs: 200 } });
    const session = await attempt;
    const events: DisconnectedEvent[] = [];
    session.on('disconnected', (e) => events.push(e));
    // Three idle spells, each ended by a ping the server answered: the session lived through all of them.
    const pings = () => target.received().split('urn:xmpp:ping').length - 1;
    await waitUntil(() => pings() >= 3 || events.length > 0, 'three keep-alive pings');
    expect(events).toEqual([]);
    expect(session.status).toBe('online');
    await session.close();
  });

  it.each([
    ['conflict', '', false],
    ['see-other-host', 'elsewhere.example:5222', false],
    ['system-shutdown', '', true],
  ] as const)('reports a stream error <%s/> as StreamError, not resumable, and follows nowhere', async (condition, content, retry) => {
    const target = await server({ mode: 'direct-tls', script: { users: USERS } });
    const { attempt } = await login(target, true);
    const session = await attempt;
    const disconnected = new Promise<DisconnectedEvent>((resolve) => session.on('disconnected', resolve));
    target.connections[0]?.send(
      `<stream:error><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'>${content}</${condition}>` +
        `<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>scripted</text></stream:error>`,
    );
    const event = await disconnected;
    expect(event.error).toBeInstanceOf(StreamError);
    expect((event.error as StreamError).condition).toBe(condition);
    expect((event.error as StreamError).text).toBe('scripted');
    expect(event.resumable).toBe(false);
    expect(shouldReconnect(event.error)).toBe(retry);
    // Followed nowhere: once this connection is closed, no other was opened to this server.
    await target.connections[0]!.closed();
    expect(target.connections).toHaveLength(1);
    await session.close();
  });
});

