/**
 * The two versions each crash-tested store alternates between (the pins' are in crash-pins.ts). Literal data,
 * so the writer child bundles nothing heavier than the stores themselves. Each pair differs in content and in
 * length, so a file that mixed the two would not load as either.
 */
import { createHash } from 'node:crypto';
import type { AccountSettings } from '../../../app/domain/account.js';
import type { CaFacts } from '../../../app/domain/extra-ca.js';
import type { TrustLogEntryV2 } from '../../../app/domain/trust-records.js';
import type { WindowBounds } from '../../../main/store/window-state.js';
import type { PoshCacheEntry } from '../../../main/trust/posh/posh-cache.js';

/** The one account every per-account store keys its version by (a UUID, as the stores require). */
export const CRASH_ACCOUNT_ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
export const CRASH_JID = 'alice@example.com';

const POSH_URL = 'https://example.com/.well-known/posh/xmpp-client.json';
// Digests from test/fixtures/posh/expected.json (a copy of the shared vectors).
const poshEntry: PoshCacheEntry = {
  domain: 'example.com',
  format: 'rfc7711',
  fetchedAt: '2024-06-01T00:00:00.000Z',
  expiresAt: '2024-06-08T00:00:00.000Z',
  fingerprints: [{ hash: 'sha-256', value: '4/mggdlVx8A3pvHAWW5sD+qJyMtUHgiRuPjVC48N0XQ=', url: POSH_URL }],
};
const seedEntry: PoshCacheEntry = {
  domain: 'im.example.com',
  format: 'seed',
  fetchedAt: '2024-06-01T00:00:00.000Z',
  expiresAt: '2024-06-02T00:00:00.000Z',
  fingerprints: [{ hash: 'sha-1', value: 'UpjRI/A3afKE8/AIeTZ5o1dECTY=', url: 'https://hosting.example.net/.well-known/posh._xmpp-client._tcp.json' }],
};
export const POSH_VERSIONS: readonly [PoshCacheEntry[], PoshCacheEntry[]] = [[poshEntry], [seedEntry, poshEntry]];

export const ACCOUNT_VERSIONS: readonly [Omit<AccountSettings, 'id'>, Omit<AccountSettings, 'id'>] = [
  { jid: CRASH_JID, resource: 'hostproof-a', server: null, autoConnect: true, enabled: true, rememberPassword: false },
  {
    jid: CRASH_JID,
    resource: 'hostproof-second-version',
    server: { host: 'xmpp.hosting.example.net', port: 5223, directTls: true },
    autoConnect: false,
    enabled: false,
    rememberPassword: true,
  },
];

export const PASSWORD_VERSIONS = ['correct horse', 'battery staple, the second and longer one'] as const;

export const LOGIN_VERSIONS = ['SCRAM-SHA-256', 'SCRAM-SHA-1'] as const;

export const WINDOW_VERSIONS: readonly [WindowBounds, WindowBounds] = [
  { width: 1024, height: 768, maximized: false },
  { x: -1200, y: 40, width: 1920, height: 1080, maximized: true },
];

/**
 * The trust log only appends, so its "versions" are its lines: the i-th line written is entry(i), its time
 * counting seconds from a fixed start and its kind alternating, so a lost, doubled or torn line shows.
 */
export function trustLogEntry(index: number): TrustLogEntryV2 {
  const base = {
    v: 2,
    at: new Date(Date.UTC(2024, 0, 1) + index * 1000).toISOString(),
    account: CRASH_JID,
    host: 'xmpp.hosting.example.net',
    port: 5222,
    certificateSha256: 'FYqcUo3jp6nwqCRuwVwgJDEVm0r3BNQC9TOyTDgJvqg=',
    spkiSha256: 'E3FnLFpq0CLriJZMWNHZO7+CZInsF0JdsAuuRhfP3nA=',
    domain: 'example.com',
    warnings: [],
    delegation: [{ kind: 'srv', label: '_xmpp-client._tcp.example.com', authenticated: false }],
  } as const;
  return index % 2 === 0
    ? { ...base, kind: 'verification', verified: true, method: 'pin', undecided: null, summary: 'Verified by your pin.' }
    : {
        ...base,
        kind: 'decision',
        decision: 'pin',
        verified: false,
        method: null,
        undecided: 'delegated-host',
        summary: 'The server is a delegated host that nothing vouches for; you pinned its key.',
      };
}

/**
 * Two authorities for the store of user-added CAs. The store keeps the certificate's bytes and checks them
 * against their SHA-256 on load; it does not parse them (that happened before the user confirmed), so fixed
 * bytes of different lengths stand in for the DER here.
 */
function authority(name: string, size: number): CaFacts & { readonly der: Buffer } {
  const der = Buffer.alloc(size, name);
  const sha256 = createHash('sha256').update(der).digest('hex');
  return { subject: `CN=${name}`, issuer: `CN=${name}`, notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2034-01-01T00:00:00.000Z', sha256, der };
}
export const CA_A = authority('Crash Test Root A', 700);
export const CA_B = authority('Crash Test Root B', 900);
export const CA_ADDED_AT = '2024-06-01T00:00:00.000Z';
