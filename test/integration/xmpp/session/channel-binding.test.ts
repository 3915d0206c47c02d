/**
 * Channel binding end to end: the real session over a PKIX-verified TLS connection (STARTTLS and direct TLS)
 * to a scripted server that computes the binding on ITS OWN end of the same connection
 * (test/harness/server-channel-binding.ts) and refuses a `c=` that does not match. Each login below is
 * proven by that server accepting it, and each gs2 answer is read from what the server received.
 */
import { describe, expect, it } from 'vitest';
import { AuthenticationError, MechanismDowngradeError } from '../../../../main/xmpp/errors.js';
import { createExchange } from '../../../../main/xmpp/sasl/create-exchange.js';
import { chooseMechanism } from '../../../../main/xmpp/sasl/select.js';
import { openSession, type OpenSessionOptions } from '../../../../main/xmpp/session/open-session.js';
import type { RecordingXmppServer, ServerScript } from '../../../harness/recording-xmpp-server.js';
import { SCRIPTED_DOMAIN, SCRIPTED_USERS, useScriptedServers } from './scripted-servers.js';

const scripted = useScriptedServers();
const PLUS_AND_PLAIN = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

async function login(target: RecordingXmppServer, directTls: boolean, extra: Partial<OpenSessionOptions> = {}) {
  const connection = await scripted.verified(target, directTls);
  return openSession({
    connection,
    serverProof: 'pkix',
    domain: SCRIPTED_DOMAIN,
    credentials: { username: 'alice', password: SCRIPTED_USERS.alice },
    resource: 'desk',
    previousMechanism: null,
    ...extra,
  });
}

async function serverWith(directTls: boolean, script: Partial<ServerScript>): Promise<RecordingXmppServer> {
  return scripted.server({ mode: directTls ? 'direct-tls' : 'starttls', script: { users: SCRIPTED_USERS, ...script } });
}

const MODES = [
  ['STARTTLS', false],
  ['direct TLS', true],
] as const;

describe.each(MODES)('channel binding over %s', (_label, directTls) => {
  const loginTo = (server: RecordingXmppServer) => login(server, directTls);

  it('TLS 1.3, XEP-0440 declares tls-exporter and tls-server-end-point: binds with p=tls-exporter', async () => {
    const target = await serverWith(directTls, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-server-end-point', 'tls-exporter'] });
    const session = await loginTo(target);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' });
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', gs2Header: 'p=tls-exporter,,', error: null, accepted: true }]);
    await session.close();
  });

  it('XEP-0440 declares only tls-server-end-point: binds with it', async () => {
    const target = await serverWith(directTls, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-server-end-point'] });
    const session = await loginTo(target);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-server-end-point' });
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', gs2Header: 'p=tls-server-end-point,,', error: null, accepted: true }]);
    await session.close();
  });

  it('TLS 1.2 without XEP-0440: binds with p=tls-unique', async () => {
    const target = await serverWith(directTls, { mechanisms: PLUS_AND_PLAIN, tlsMaxVersion: 'TLSv1.2' });
    const session = await loginTo(target);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-unique' });
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', gs2Header: 'p=tls-unique,,', error: null, accepted: true }]);
    await session.close();
  });

  it('TLS 1.3 without XEP-0440 (-PLUS offered): logs in unbound with n, no guess, and says so', async () => {
    const target = await serverWith(directTls, { mechanisms: PLUS_AND_PLAIN });
    const session = await loginTo(target);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-256', channelBinding: null });
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-256', gs2Header: 'n,,', error: null, accepted: true }]);
    await session.close();
  });

  it('no -PLUS offered although this connection could bind: y', async () => {
    const target = await serverWith(directTls, { mechanisms: ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] });
    const session = await loginTo(target);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-512', channelBinding: null });
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-512', gs2Header: 'y,,', error: null, accepted: true }]);
    await session.close();
  });
});

describe('a wrong binding fails for real', () => {
  it('the server refuses a c= whose data is not what it computed on its end (control for every case above)', async () => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-exporter'] });
    const error = await login(target, true, {
      saslPolicy: {
        choose: chooseMechanism,
        // Same type and length, other bytes: only a server that really computes the binding notices.
        create: (mechanism, credentials, context) =>
          createExchange(mechanism, credentials, context.binding.flag === 'p' ? { ...context, binding: { ...context.binding, data: new Uint8Array(context.binding.data.length) } } : context),
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', gs2Header: 'p=tls-exporter,,', error: 'channel-bindings-dont-match', accepted: false }]);
  });
});

describe('the server signature is still checked on a bound login', () => {
  it.each(['wrong', 'missing'] as const)('a -PLUS login whose server signature is %s is refused', async (serverSignature) => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-exporter'], serverSignature });
    const error = await login(target, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure.kind).toBe('server-not-proven');
    expect(target.connections[0]?.logins[0]).toMatchObject({ mechanism: 'SCRAM-SHA-256-PLUS', gs2Header: 'p=tls-exporter,,', error: null });
  });
});

describe('downgrades', () => {
  it('-PLUS stripped in transit, no h=: the client answers y and the real server refuses the login', async () => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-exporter'], strippedInTransit: ['SCRAM-SHA-256-PLUS'] });
    const error = await login(target, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(target.connections[0]?.logins).toEqual([
      { mechanism: 'SCRAM-SHA-256', gs2Header: 'y,,', error: 'server-does-support-channel-binding', accepted: false },
    ]);
  });

  it('-PLUS stripped in transit with XEP-0474 h=: the client stops before its proof and names a downgrade attack', async () => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-exporter'], strippedInTransit: ['SCRAM-SHA-256-PLUS'], downgradeHash: true });
    const error = await login(target, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect((error as Error).message).toMatch(/possible downgrade attack/);
    await target.connections[0]!.closed();
    const sent = target.received();
    expect(sent).toContain('<auth ');
    expect(sent).not.toContain('<response');
    expect(sent).toContain('<abort ');
  });

  it('h= that matches the offer: logs in bound as usual', async () => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN, channelBindings: ['tls-exporter'], downgradeHash: true });
    const session = await login(target, true);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' });
    await session.close();
  });

  it('an account that logged in bound is refused on TLS 1.3 without XEP-0440, before any <auth>, with what the user may be asked', async () => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN });
    const error = await login(target, true, { previousMechanism: 'SCRAM-SHA-256-PLUS' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect((error as MechanismDowngradeError).bindingLost).toMatchObject({ previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' });
    await target.connections[0]!.closed();
    expect(target.received()).not.toContain('<auth');
  });

  it('bound before and only PLAIN now: refused with nothing the user may answer', async () => {
    const target = await serverWith(true, { mechanisms: ['PLAIN'] });
    const error = await login(target, true, { previousMechanism: 'SCRAM-SHA-256-PLUS' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect((error as MechanismDowngradeError).bindingLost).toBeNull();
    await target.connections[0]!.closed();
    expect(target.received()).not.toContain('<auth');
  });

  it('after the user chose to log in unbound (the unbound mechanism as the baseline), the same server gets an n login', async () => {
    const target = await serverWith(true, { mechanisms: PLUS_AND_PLAIN });
    const session = await login(target, true, { previousMechanism: 'SCRAM-SHA-256' });
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-256', channelBinding: null });
    expect(target.connections[0]?.logins).toEqual([{ mechanism: 'SCRAM-SHA-256', gs2Header: 'n,,', error: null, accepted: true }]);
    await session.close();
  });

  it('SCRAM-SHA-512-PLUS is preferred when offered', async () => {
    const target = await serverWith(false, { mechanisms: ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512-PLUS', 'SCRAM-SHA-512', 'PLAIN'], channelBindings: ['tls-exporter'] });
    const session = await login(target, false);
    expect(session.login).toEqual({ mechanism: 'SCRAM-SHA-512-PLUS', channelBinding: 'tls-exporter' });
    await session.close();
  });
});
