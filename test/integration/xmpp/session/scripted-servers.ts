/**
 * The frame of the tests against scripted TLS servers (recording-xmpp-server.ts): one test CA and a leaf for
 * SCRIPTED_DOMAIN per file, servers started per test and closed after it, and a PKIX-verified connection to
 * one of them.
 */
import { afterEach, beforeAll, expect } from 'vitest';
import type { VerifiedConnection } from '../../../../main/xmpp/connect-verified.js';
import { startRecordingXmppServer, type RecordingServerOptions, type RecordingXmppServer } from '../../../harness/recording-xmpp-server.js';
import { createTestCa, createTestCertificate, type TestCertificate } from '../../../harness/test-pki.js';
import { connectToLoopback } from './verified-connection.js';

export const SCRIPTED_DOMAIN = 'hosted.test';
export const SCRIPTED_USERS = { alice: 'correct horse' };

export interface ScriptedServers {
  readonly caPem: string;
  server(options: Omit<RecordingServerOptions, 'certificate'>): Promise<RecordingXmppServer>;
  /** A connection to `target`, verified by PKIX against the test CA (the test fails if it is not). */
  verified(target: RecordingXmppServer, directTls: boolean): Promise<VerifiedConnection['connection']>;
}

export function useScriptedServers(): ScriptedServers {
  let pki: { caPem: string; leaf: TestCertificate } | null = null;
  const servers: RecordingXmppServer[] = [];
  beforeAll(async () => {
    const ca = await createTestCa();
    pki = { caPem: ca.certPem, leaf: await createTestCertificate({ commonName: SCRIPTED_DOMAIN, dnsNames: [SCRIPTED_DOMAIN], issuer: ca }) };
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const ready = () => {
    if (pki === null) throw new Error('The test CA is not made yet: use it inside a test.');
    return pki;
  };
  return {
    get caPem() {
      return ready().caPem;
    },
    server: async (options) => {
      const started = await startRecordingXmppServer({ certificate: ready().leaf, ...options });
      servers.push(started);
      return started;
    },
    verified: async (target, directTls) => {
      const { connection, verdict } = await connectToLoopback({ port: target.port, directTls, caPem: ready().caPem });
      expect(verdict.verified).toBe(true);
      return connection;
    },
  };
}
