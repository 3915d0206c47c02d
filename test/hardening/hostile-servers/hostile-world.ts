/**
 * The frame of the hostile-server rows: the whole app (test-app.ts) with one account pointed at a scripted
 * server that records every byte it receives (recording-xmpp-server.ts), whose certificate the test CA
 * signed, so a well-behaved server is verified by PKIX and every refusal below is the client's own.
 *
 * Each row checks the same three things where they apply, with the helpers here:
 * - the app survived: no unhandled error (Vitest fails the run on one) and it still answers a request;
 * - the password never left the client: searched in every byte the server received, before and after TLS,
 *   as itself, in base64, and inside every decoded SASL payload;
 * - no false verified state: what the app's events said about the server and the account.
 */
import { afterEach, beforeAll } from 'vitest';
import type { ConnectionState } from '../../../app/domain/account.js';
import type { EventPayloads } from '../../../app/ipc/contract.js';
import { appCaller, type AppCall } from '../../harness/app-caller.js';
import { startRecordingXmppServer, type RecordingServerOptions, type RecordingXmppServer } from '../../harness/recording-xmpp-server.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../harness/test-app.js';
import { createTestCa, createTestCertificate, type TestCa, type TestCertificate } from '../../harness/test-pki.js';
import { waitForEvent } from '../../harness/wait-for-event.js';

export const HOSTILE_DOMAIN = 'hostile.test';
export const PASSWORD = 'never-leaves-the-client';

export interface HostileAccount {
  readonly app: TestApp;
  readonly call: AppCall;
  readonly id: string;
  readonly server: RecordingXmppServer;
  /** Waits for the first attempt to end (online, failed, or waiting to retry) and says how, in short words. */
  settled(): Promise<ConnectionState>;
}

export interface HostileServers {
  readonly ca: TestCa;
  /** A leaf for HOSTILE_DOMAIN signed by the test CA (which the app trusts). */
  readonly leaf: TestCertificate;
  start(options: {
    mode: RecordingServerOptions['mode'];
    script?: RecordingServerOptions['script'];
    tls?: RecordingServerOptions['tls'];
    certificate?: RecordingServerOptions['certificate'];
    app?: TestAppOptions;
  }): Promise<HostileAccount>;
}

export function useHostileServers(): HostileServers {
  let pki: { ca: TestCa; leaf: TestCertificate } | null = null;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    const ca = await createTestCa();
    pki = { ca, leaf: await createTestCertificate({ commonName: HOSTILE_DOMAIN, dnsNames: [HOSTILE_DOMAIN], issuer: ca }) };
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  const ready = () => {
    if (pki === null) throw new Error('The test CA is made in beforeAll: use it inside a test.');
    return pki;
  };
  return {
    get ca() {
      return ready().ca;
    },
    get leaf() {
      return ready().leaf;
    },
    start: async (options) => {
      const { ca, leaf } = ready();
      const server = await startRecordingXmppServer({
        certificate: options.certificate ?? leaf,
        mode: options.mode,
        domain: HOSTILE_DOMAIN,
        tls: options.tls,
        script: { users: { alice: PASSWORD }, ...options.script },
      });
      closers.push(() => server.close());
      const app = await createTestApp({
        // The server is set by address, so no name is looked up (and no POSH is fetched).
        network: { ca: [ca.certPem], lookup: async (name) => Promise.reject(new Error(`no such name ${name} in this test`)) },
        // One attempt per row: a retry would only repeat what the row already saw.
        reconnectDelay: () => 3_600_000,
        ...options.app,
      });
      closers.push(() => app.close());
      const call = appCaller(app);
      const view = await call('addAccount', {
        jid: `alice@${HOSTILE_DOMAIN}`,
        password: PASSWORD,
        rememberPassword: false,
        server: { host: '127.0.0.1', port: server.port, directTls: options.mode === 'direct-tls' },
      });
      const id = view.settings.id;
      return {
        app,
        call,
        id,
        server,
        settled: async () =>
          (
            await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && ['online', 'failed', 'reconnecting'].includes(p.state.stage))
          ).state,
      };
    },
  };
}

/** The state in a few words: `failed tls-required`, `retry later stream`, `online`. */
export function describeState(state: ConnectionState): string {
  if (state.stage === 'failed') return `failed ${state.error.kind}`;
  if (state.stage === 'reconnecting') return `retry later ${state.lastError.kind}`;
  return state.stage;
}

/**
 * Where the password appears in what the server received: as itself, in base64, or inside any SASL payload
 * (<auth>, <response>) once decoded. An empty list means it never left the client.
 */
export function passwordFoundIn(received: string, password: string = PASSWORD): string[] {
  const found: string[] = [];
  if (received.includes(password)) found.push('as text');
  if (received.includes(Buffer.from(password).toString('base64'))) found.push('in base64');
  for (const match of received.matchAll(/<(auth|response)\b[^>]*>([^<]*)</g)) {
    if (Buffer.from(match[2] ?? '', 'base64').toString('utf8').includes(password)) found.push(`in a SASL <${match[1]}>`);
  }
  return found;
}

/** "no password" or where it was found: the words every row uses. */
export function passwordWords(received: string, password: string = PASSWORD): string {
  const found = passwordFoundIn(received, password);
  return found.length === 0 ? 'no password' : `password sent ${found.join(', ')}`;
}

type ConnectionEvent = EventPayloads['connectionChanged'];

/**
 * What the app told the window about the server and the account: whether any event carried a verified
 * verdict, and whether the account was ever reported online.
 */
export function reportedTrust(app: TestApp, accountId: string): { verifiedBy: string | null; online: boolean } {
  let verifiedBy: string | null = null;
  let online = false;
  for (const { event, payload } of app.events) {
    // Any verdict anywhere (connection states, decision requests, account views) counts, not only the final one.
    verifiedBy ??= verifiedVerdictIn(payload);
    if (event === 'connectionChanged') {
      const change = payload as ConnectionEvent;
      if (change.accountId === accountId && change.state.stage === 'online') online = true;
    }
  }
  return { verifiedBy, online };
}

/** The method of the first object with `verified: true` found anywhere in `value`, or null. */
function verifiedVerdictIn(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (record.verified === true) return typeof record.method === 'string' ? record.method : 'unknown';
  for (const child of Object.values(record)) {
    const found = verifiedVerdictIn(child);
    if (found !== null) return found;
  }
  return null;
}

/** "unverified, offline" (never verified, never online), or what was claimed: "pkix, online". */
export function trustWords(app: TestApp, accountId: string): string {
  const { verifiedBy, online } = reportedTrust(app, accountId);
  return `${verifiedBy ?? 'unverified'}, ${online ? 'online' : 'offline'}`;
}

/** The app still answers a request after what the server did: "alive" when it does. */
export async function appAnswers(call: AppCall, accountId: string): Promise<string> {
  const accounts = await call('listAccounts', undefined);
  return accounts.some((a) => a.settings.id === accountId) ? 'alive' : 'account lost';
}
