/**
 * Test helper: a real connectVerified() to a loopback server (configured host, so no SRV), with the test CA
 * as the only root, no POSH material and no pins: PKIX alone decides, as for an ordinary server.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { PoshResult } from '../../../../app/domain/trust.js';
import { createNameLookup } from '../../../../main/net/name-lookup.js';
import { connectVerified, type VerifiedConnection } from '../../../../main/xmpp/connect-verified.js';
import { createXmppResolver } from '../../../../main/xmpp/resolver.js';
import { startProsody, type Prosody } from '../../../harness/prosody.js';
import { createTestCa, createTestCertificate } from '../../../harness/test-pki.js';

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

export const SESSION_DOMAIN = 'hosted.test';

/** A Prosody serving SESSION_DOMAIN with a CA-valid certificate, and users alice / bob (password `<user>-secret`). */
export async function startSessionProsody(): Promise<{ prosody: Prosody; caPem: string }> {
  const ca = await createTestCa();
  const leaf = await createTestCertificate({ commonName: SESSION_DOMAIN, dnsNames: [SESSION_DOMAIN], issuer: ca });
  const prosody = await startProsody({
    hosts: [{ domain: SESSION_DOMAIN, certPem: leaf.certPem, keyPem: leaf.keyPem }],
    users: [
      { user: 'alice', host: SESSION_DOMAIN, password: 'alice-secret' },
      { user: 'bob', host: SESSION_DOMAIN, password: 'bob-secret' },
    ],
  });
  return { prosody, caPem: ca.certPem };
}

export interface SessionProsody {
  readonly prosody: Prosody;
  /** A new connection to the test Prosody, verified by PKIX (the test fails if it is not). */
  verified(directTls?: boolean): Promise<VerifiedConnection['connection']>;
  /** Closes the session when the file's tests are done. */
  closeLater<T extends { close(): Promise<void> }>(session: T): T;
}

/** The frame of the session tests: one Prosody per file (startSessionProsody), sessions closed at the end. */
export function useSessionProsody(): SessionProsody {
  let started: { prosody: Prosody; caPem: string } | null = null;
  const sessions: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    started = await startSessionProsody();
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await started?.prosody.stop();
  });
  const world = () => {
    if (started === null) throw new Error('The session Prosody is not started yet: use it inside a test.');
    return started;
  };
  return {
    get prosody() {
      return world().prosody;
    },
    verified: async (directTls = false) => {
      const { prosody, caPem } = world();
      const { connection, verdict } = await connectToLoopback({ port: directTls ? prosody.directTlsPort : prosody.starttlsPort, directTls, caPem });
      expect(verdict.verified).toBe(true);
      return connection;
    },
    closeLater: (session) => {
      sessions.push(session);
      return session;
    },
  };
}
