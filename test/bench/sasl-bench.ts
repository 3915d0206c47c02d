/**
 * Login cost (issue 16, item 2): the whole login against a real Prosody, from a verified TLS connection to
 * online (SASL, the stream restart, resource binding, stream management), with channel binding (the `-PLUS`
 * mechanism and the binding type the app chooses from what Prosody offers) and without (the same mechanism
 * family with its `-PLUS` variants taken out of the offer). The TLS connection is made the same way on both
 * sides and counted in both; there is no network delay here, so the difference is the CPU of the binding.
 */
import { rootCertificates } from 'node:tls';
import { createNameLookup } from '../../main/net/name-lookup.js';
import { createSecureContexts } from '../../main/net/secure-contexts.js';
import { connectVerified } from '../../main/xmpp/connect-verified.js';
import { createXmppResolver } from '../../main/xmpp/resolver.js';
import { chooseMechanism } from '../../main/xmpp/sasl/select.js';
import { createExchange } from '../../main/xmpp/sasl/create-exchange.js';
import { openSession } from '../../main/xmpp/session/open-session.js';
import type { SaslPolicy } from '../../main/xmpp/session/sasl-negotiation.js';
import { startProsody } from '../harness/prosody.js';
import { createTestCa, createTestCertificate } from '../harness/test-pki.js';
import type { Comparison } from './compare.js';
import type { BenchScale } from './bench-scale.js';

const DOMAIN = 'login.test';
const PASSWORD = 'bench password 16';

const noDns = {
  resolveSrv: () => Promise.reject(new Error('no DNS in this benchmark')),
  resolve4: () => Promise.reject(new Error('no DNS in this benchmark')),
  resolve6: () => Promise.reject(new Error('no DNS in this benchmark')),
};

/** The app's choice, from an offer without the channel-bound mechanisms. */
const UNBOUND: SaslPolicy = {
  choose: (offer) => chooseMechanism({ ...offer, offered: offer.offered.filter((name) => !name.trim().endsWith('-PLUS')) }),
  create: createExchange,
};

export async function saslComparisons(scale: BenchScale): Promise<{ comparisons: Comparison[]; used: () => string[]; stop: () => Promise<void> }> {
  const ca = await createTestCa();
  const leaf = await createTestCertificate({ commonName: DOMAIN, dnsNames: [DOMAIN], issuer: ca });
  const prosody = await startProsody({ hosts: [{ domain: DOMAIN, certPem: leaf.certPem, keyPem: leaf.keyPem }], users: [{ user: 'alice', host: DOMAIN, password: PASSWORD }] });
  const roots = [...rootCertificates, ca.certPem];
  const secureContexts = createSecureContexts();
  const used = new Set<string>();
  const login = async (directTls: boolean, policy?: SaslPolicy) => {
    const { connection, verdict } = await connectVerified(
      { domain: DOMAIN, configured: { host: '127.0.0.1', port: directTls ? prosody.directTlsPort : prosody.starttlsPort, directTls } },
      {
        resolver: createXmppResolver({ resolver: noDns }),
        lookup: createNameLookup(),
        ca: roots,
        secureContexts,
        posh: { start: (d) => ({ domain: d, verify: () => Promise.reject(new Error('PKIX decides here')) }), list: async () => [], forget: async () => undefined },
        pins: { get: async () => null },
        now: () => new Date(),
      },
    );
    if (!verdict.verified) throw new Error(`the login benchmark's server was not verified: ${verdict.summary}`);
    const session = await openSession({
      connection,
      serverProof: verdict.method,
      domain: DOMAIN,
      credentials: { username: 'alice', password: PASSWORD },
      resource: 'bench',
      previousMechanism: null,
      ...(policy ? { saslPolicy: policy } : {}),
    });
    used.add(`${directTls ? 'direct TLS' : 'STARTTLS'}: ${session.login.mechanism}${session.login.channelBinding ? ` (${session.login.channelBinding})` : ''}`);
    await session.close();
  };
  const comparisons = [true, false].map((directTls) => ({
    title: `Whole login against Prosody (${directTls ? 'direct TLS' : 'STARTTLS'}): TLS connection, SASL, bind, stream management`,
    benchmark: 'login',
    label: `Whole login, ${directTls ? 'direct TLS' : 'STARTTLS'}`,
    alternatives: [
      // Named by what is asked for, not what happened: a server that offers no -PLUS gets two unbound logins,
      // and the run prints the mechanisms used.
      { name: "the app's choice (-PLUS when offered)", iterations: scale.loginSamples, run: () => login(directTls) },
      { name: '-PLUS taken out of the offer', iterations: scale.loginSamples, run: () => login(directTls, UNBOUND) },
    ],
  }));
  return { comparisons, used: () => [...used], stop: () => prosody.stop() };
}
