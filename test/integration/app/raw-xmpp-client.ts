/**
 * Test helper: a bare XMPP session on the app world's Prosody, without the app's chat features, for a
 * test that must send a stanza the app would never write (to one full JID, or a forged one). It logs in to
 * valid.test, whose certificate is CA-valid, through the real verified connect (PKIX) and session core.
 */
import type { PoshResult } from '../../../app/domain/trust.js';
import { createNameLookup } from '../../../main/net/name-lookup.js';
import { connectVerified } from '../../../main/xmpp/connect-verified.js';
import { createXmppResolver } from '../../../main/xmpp/resolver.js';
import { openSession, type OnlineXmppSession } from '../../../main/xmpp/session/open-session.js';
import { password, type AppWorld } from '../../harness/app-world.js';

const DOMAIN = 'valid.test';

const noDns = {
  resolveSrv: () => Promise.reject(new Error('a configured server needs no DNS')),
  resolve4: () => Promise.reject(new Error('a configured server needs no DNS')),
  resolve6: () => Promise.reject(new Error('a configured server needs no DNS')),
};

const noPosh = (domain: string): PoshResult => ({ domain, status: 'absent', format: null, steps: [], expires: null, match: null, reason: 'not used by this helper' });

export async function rawSession(world: AppWorld, user: 'alice' | 'bob', resource: string): Promise<OnlineXmppSession> {
  const { connection, verdict } = await connectVerified(
    { domain: DOMAIN, configured: { host: '127.0.0.1', port: world.prosody.starttlsPort, directTls: false } },
    {
      resolver: createXmppResolver({ resolver: noDns }),
      lookup: createNameLookup(),
      ca: [world.ca.certPem],
      posh: { start: (d) => ({ domain: d, verify: async () => noPosh(d) }), list: async () => [], forget: async () => undefined },
      pins: { get: async () => null },
      now: () => new Date(),
      timeoutMs: 5_000,
    },
  );
  if (!verdict.verified) {
    connection.socket.destroy();
    throw new Error(`The test server for ${DOMAIN} was not verified: ${verdict.summary}`);
  }
  return openSession({
    connection,
    serverProof: 'pkix',
    domain: DOMAIN,
    credentials: { username: user, password: password(user) },
    resource,
    previousMechanism: null,
  });
}
