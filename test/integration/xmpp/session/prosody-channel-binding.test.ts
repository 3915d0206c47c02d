/**
 * What Debian's Prosody 0.12.3 offers, and that the session still logs in to it (docs/sasl.md): on TLS 1.3 it
 * offers SCRAM-SHA-1 and PLAIN, no -PLUS and no XEP-0440 list, so the client logs in with SCRAM-SHA-1 and gs2
 * flag y (Prosody accepts it: it cannot bind there); on TLS 1.2 it adds SCRAM-SHA-1-PLUS with tls-unique, still
 * without a list, and the client binds with tls-unique, which Prosody checks on its end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../../main/xmpp/session/open-session.js';
import { startProsody, type Prosody } from '../../../harness/prosody.js';
import { createTestCa, createTestCertificate } from '../../../harness/test-pki.js';
import { connectToLoopback, SESSION_DOMAIN } from './verified-connection.js';

interface World {
  readonly caPem: string;
  readonly tls13: Prosody;
  readonly tls12: Prosody;
}

let world: World | null = null;

beforeAll(async () => {
  const ca = await createTestCa();
  const leaf = await createTestCertificate({ commonName: SESSION_DOMAIN, dnsNames: [SESSION_DOMAIN], issuer: ca });
  const options = {
    hosts: [{ domain: SESSION_DOMAIN, certPem: leaf.certPem, keyPem: leaf.keyPem }],
    users: [{ user: 'alice', host: SESSION_DOMAIN, password: 'alice-secret' }],
  };
  const tls13 = await startProsody(options);
  const tls12 = await startProsody({ ...options, tlsProtocol: 'tlsv1_2' }).catch(async (error: unknown) => {
    await tls13.stop();
    throw error;
  });
  world = { caPem: ca.certPem, tls13, tls12 };
}, 60_000);

afterAll(async () => {
  await Promise.all([world?.tls13.stop(), world?.tls12.stop()]);
});

async function logIn(prosody: Prosody, directTls: boolean) {
  if (world === null) throw new Error('Prosody is not started');
  const { connection, verdict } = await connectToLoopback({ port: directTls ? prosody.directTlsPort : prosody.starttlsPort, directTls, caPem: world.caPem });
  expect(verdict.verified).toBe(true);
  const protocol = connection.socket.getProtocol();
  const session = await openSession({
    connection,
    serverProof: 'pkix',
    domain: SESSION_DOMAIN,
    credentials: { username: 'alice', password: 'alice-secret' },
    resource: 'cb',
    previousMechanism: null,
  });
  const login = session.login;
  await session.close();
  return { protocol, login };
}

describe.each([
  ['STARTTLS', false],
  ['direct TLS', true],
] as const)('Prosody 0.12 over %s', (_label, directTls) => {
  it('TLS 1.3: SCRAM-SHA-1, not bound (Prosody offers no -PLUS there)', async () => {
    const { protocol, login } = await logIn(world!.tls13, directTls);
    expect(protocol).toBe('TLSv1.3');
    expect(login).toEqual({ mechanism: 'SCRAM-SHA-1', channelBinding: null });
  });

  it('TLS 1.2: SCRAM-SHA-1-PLUS bound with tls-unique, checked by Prosody', async () => {
    const { protocol, login } = await logIn(world!.tls12, directTls);
    expect(protocol).toBe('TLSv1.2');
    expect(login).toEqual({ mechanism: 'SCRAM-SHA-1-PLUS', channelBinding: 'tls-unique' });
  });
});
