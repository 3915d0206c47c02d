/**
 * Test helper: a real connectVerified() to a loopback server (configured host, so no SRV), with the test CA
 * as the only root, no POSH material and no pins: PKIX alone decides, as for an ordinary server.
 */
import type { PoshResult } from '../../../../app/domain/trust.js';
import { createNameLookup } from '../../../../main/net/name-lookup.js';
import { connectVerified, type VerifiedConnection } from '../../../../main/xmpp/connect-verified.js';
import { createXmppResolver } from '../../../../main/xmpp/resolver.js';

const noDns = {
  resolveSrv: () => Promise.reject(new Error('no DNS in this test')),
  resolve4: () => Promise.reject(new Error('no DNS in this test')),
  resolve6: () => Promise.reject(new Error('no DNS in this test')),
};

function absentPosh(domain: string): PoshResult {
  return { domain, status: 'absent', format: null, steps: [], expires: null, match: null, reason: 'no POSH in this test' };
}

export function connectToLoopback(options: { port: number; directTls: boolean; caPem: string; domain?: string }): Promise<VerifiedConnection> {
  const domain = options.domain ?? 'hosted.test';
  return connectVerified(
    { domain, configured: { host: '127.0.0.1', port: options.port, directTls: options.directTls } },
    {
      resolver: createXmppResolver({ resolver: noDns }),
      lookup: createNameLookup(),
      ca: [options.caPem],
      posh: {
        start: (d) => ({ domain: d, verify: async () => absentPosh(d) }),
        list: async () => [],
        forget: async () => undefined,
      },
      pins: { get: async () => null },
      now: () => new Date(),
      timeoutMs: 5_000,
    },
  );
}
