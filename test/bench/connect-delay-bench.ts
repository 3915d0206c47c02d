/**
 * Connect to online under network delay (issue 16, item 1): the app's own connect path (account-connection.ts
 * with connectVerified and the session opener, composed as create-app-services.ts composes them, and the
 * account's chat set up on the session as the app does) against a real Prosody, a DNS server and a POSH web
 * server behind 40 ms each way (connect-delay-world.ts).
 *
 * Cases, each with direct TLS and with STARTTLS, interleaved round by round so load from elsewhere falls on all:
 * (a) PKIX; (b) POSH with a cold cache, a fingerprints document and a reference document; (c) POSH from a
 * warm cache; (a') PKIX with no POSH lookup at all, the control for what PKIX's POSH lookup costs; (d) a baseline that asks POSH only after the certificate failed the PKIX check, the way other
 * clients do: the bench composes the same verifier so that its lookup starts when its answer is asked for
 * (`poshAfterTls`), not a mode of the product.
 *
 * Times: "online" is the connection's state going online (after SASL and resource binding); "ready" is the
 * account's chat set up on it (roster, carbons, presence). Round trips: the proxies count the client's flights
 * (a write after the server spoke) and the DNS server's questions are grouped into bursts; the lower bound per
 * path is what the protocol needs (see `lowerBound`), in round trips of this network.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConnectionState } from '../../app/domain/account.js';
import { createSecureContexts } from '../../main/net/secure-contexts.js';
import { createAccountChat } from '../../main/services/account-chat.js';
import { openMessageDb, type MessageDb } from '../../main/store/messages/message-db.js';
import { createMemoryPoshCachePersistence } from '../../main/trust/posh/posh-cache.js';
import { createPoshVerifier, type PoshVerifier } from '../../main/trust/posh/verify-posh.js';
import { createAccountConnection } from '../../main/xmpp/account-connection.js';
import { connectVerified } from '../../main/xmpp/connect-verified.js';
import { openOnlineSession } from '../../main/xmpp/session/open-session.js';
import type { DnsQuery } from '../harness/dns-server.js';
import { median, spreadOf, type ResultRow, type ResultsSink } from './results-table.js';
import { DOMAINS, startConnectWorld, USER, type ConnectWorld, type TlsMode } from './connect-delay-world.js';

const ONE_WAY_MS = 40;

type CaseKind = 'pkix' | 'pkix-no-posh' | 'posh-fp-cold' | 'posh-ref-cold' | 'posh-warm' | 'after-tls-fp' | 'after-tls-ref';

interface Case {
  readonly kind: CaseKind;
  readonly mode: TlsMode;
}

const KINDS: readonly CaseKind[] = ['pkix', 'pkix-no-posh', 'posh-fp-cold', 'posh-ref-cold', 'posh-warm', 'after-tls-fp', 'after-tls-ref'];
const LABELS: Record<CaseKind, string> = {
  pkix: '(a) PKIX',
  'pkix-no-posh': "(a') PKIX, no POSH lookup (control)",
  'posh-fp-cold': '(b) POSH fingerprints, cold',
  'posh-ref-cold': '(b) POSH reference, cold',
  'posh-warm': '(c) POSH, warm cache',
  'after-tls-fp': '(d) POSH after TLS, fingerprints',
  'after-tls-ref': '(d) POSH after TLS, reference',
};

interface Sample {
  readonly onlineMs: number;
  readonly readyMs: number;
  /** Client flights on the XMPP connection until online. */
  readonly xmppFlights: number;
  readonly poshConnections: number;
  readonly poshFlights: number;
  readonly dnsBursts: number;
  readonly dnsQuestions: number;
}

/** The verifier other clients amount to: nothing is asked before the certificate failed, then the whole lookup. */
function poshAfterTls(inner: PoshVerifier): PoshVerifier {
  return { ...inner, start: (domain, signal, lookup) => ({ domain, verify: (leaf) => inner.start(domain, signal, lookup).verify(leaf) }) };
}

/**
 * Round trips the protocol needs until online, in this world: DNS (the two SRV questions together, then the
 * target's A/AAAA together), STARTTLS (stream header → features, <starttls/> → <proceed/>), TLS 1.3 (one),
 * the stream header → features, SCRAM (two: client-first → challenge, client-final → success), the restart →
 * features, bind. The TCP handshake costs nothing here (loopback accepts at once), so it is left out; a real
 * network adds one per connection. POSH runs beside it: DNS, TLS, GET, and for a reference TLS and GET at the
 * provider (whose name the XMPP path already resolved); the verdict waits for whichever comes last.
 */
export function lowerBound(kind: CaseKind, mode: TlsMode): number {
  const starttls = mode === 'starttls' ? 2 : 0;
  const certificateAt = 2 + starttls + 1;
  const afterCertificate = 1 + 2 + 1 + 1;
  const poshFingerprints = 3; // DNS, TLS, GET
  const poshReference = poshFingerprints + 2; // TLS, GET at the provider
  switch (kind) {
    case 'pkix':
    case 'pkix-no-posh':
    case 'posh-warm':
      return certificateAt + afterCertificate;
    case 'posh-fp-cold':
      return Math.max(certificateAt, poshFingerprints) + afterCertificate;
    case 'posh-ref-cold':
      return Math.max(certificateAt, poshReference) + afterCertificate;
    case 'after-tls-fp':
      return certificateAt + poshFingerprints + afterCertificate;
    case 'after-tls-ref':
      return certificateAt + poshReference + afterCertificate;
  }
}

/** Questions that came within half a round trip of the burst's first are one round trip. */
function bursts(queries: readonly DnsQuery[], rttMs: number): number {
  let count = 0;
  let start = -Infinity;
  for (const q of [...queries].sort((a, b) => a.at - b.at)) {
    if (q.at - start > rttMs / 2) {
      count += 1;
      start = q.at;
    }
  }
  return count;
}

interface Bench {
  run(c: Case): Promise<Sample>;
  stop(): Promise<void>;
}

async function createBench(world: ConnectWorld): Promise<Bench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-connect-bench-'));
  const now = () => new Date();
  const messages: MessageDb = openMessageDb({ file: path.join(dir, 'messages.sqlite'), now, report: () => undefined });
  // As the app composes it (create-app-services.ts): one per app, shared by XMPP and POSH.
  const secureContexts = createSecureContexts();
  const verifier = (mode: TlsMode) =>
    createPoshVerifier({
      fetchOptions: { ca: world.ca, secureContexts, lookup: world.modes[mode].lookup, connectTo: world.webConnectTo, allowPrivateAddressesForTests: true },
      now,
      persistence: createMemoryPoshCachePersistence(),
    });
  const warm = { direct: verifier('direct'), starttls: verifier('starttls') };
  let runs = 0;

  const run = async (c: Case): Promise<Sample> => {
    const network = world.modes[c.mode];
    const domain = c.kind.startsWith('pkix') ? DOMAINS.pkix : c.kind.includes('ref') ? DOMAINS.reference : DOMAINS.fingerprints;
    // For PKIX the after-TLS verifier is never asked (the certificate holds): no POSH lookup at all.
    const posh =
      c.kind === 'posh-warm' ? warm[c.mode] : c.kind.startsWith('after-tls') || c.kind === 'pkix-no-posh' ? poshAfterTls(verifier(c.mode)) : verifier(c.mode);
    const accountId = `bench-${(runs += 1)}`;
    const chat = createAccountChat({
      accountId,
      accountJid: `${USER.localpart}@${domain}`,
      messages,
      emit: () => undefined,
      now,
      ids: () => crypto.randomUUID(),
      log: () => undefined,
      notice: () => undefined,
      sendReadMarkers: async () => false,
    });
    let onlineAt = 0;
    let resolveReady: () => void = () => undefined;
    let failReady: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      failReady = reject;
    });
    const proxy = world.xmppProxies[c.mode];
    proxy.resetCounts();
    world.webProxy.resetCounts();
    const dnsBefore = network.dns.queries.length;
    let flightsAtOnline = 0;
    let poshAtOnline = { connections: 0, flights: 0 };
    const connection = createAccountConnection({
      accountId,
      domain,
      localpart: USER.localpart,
      resource: 'bench',
      server: null,
      connectVerified: (request) =>
        connectVerified(request, { resolver: network.resolver, lookup: network.lookup, ca: world.ca, secureContexts, posh, pins: { get: async () => null }, now }),
      openSession: openOnlineSession,
      pins: { put: async () => undefined, touch: async () => false, markMismatch: async () => false },
      forgetPosh: (d) => posh.forget(d),
      log: async () => undefined,
      onState: (state: ConnectionState) => {
        if (state.stage === 'online' && onlineAt === 0) {
          onlineAt = performance.now();
          flightsAtOnline = proxy.flights();
          poshAtOnline = { connections: world.webProxy.connections.length, flights: world.webProxy.flights() };
        }
        if (state.stage === 'failed' || state.stage === 'reconnecting') failReady(new Error(`${LABELS[c.kind]} (${c.mode}) did not go online: ${JSON.stringify(state)}`));
      },
      onDecisionNeeded: (request) => failReady(new Error(`${LABELS[c.kind]} (${c.mode}) asked the user: ${request.verdict.summary}`)),
      confirm: async () => false,
      onOnline: (session) => {
        chat.attach(session).then(resolveReady, failReady);
      },
      now,
      reconnectDelay: () => 60_000,
      mechanisms: { get: async () => null, set: async () => undefined },
      onNotice: () => undefined,
    });
    const started = performance.now();
    connection.connect(USER.password);
    let readyAt: number;
    try {
      await ready;
      readyAt = performance.now();
    } finally {
      await connection.disconnect();
      chat.detach();
    }
    const dnsQueries = network.dns.queries.slice(dnsBefore);
    return {
      onlineMs: onlineAt - started,
      readyMs: readyAt - started,
      xmppFlights: flightsAtOnline,
      poshConnections: poshAtOnline.connections,
      poshFlights: poshAtOnline.flights,
      dnsBursts: bursts(dnsQueries, 2 * world.oneWayMs),
      dnsQuestions: dnsQueries.length,
    };
  };

  // The warm verifiers learn their domain once, outside the samples.
  for (const mode of ['direct', 'starttls'] as const) await run({ kind: 'posh-warm', mode });
  return {
    run,
    stop: async () => {
      messages.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ConnectDelayResult {
  readonly rounds: number;
  readonly samples: ReadonlyMap<string, readonly Sample[]>;
}

export async function runConnectDelayBench(rounds: number, results?: ResultsSink): Promise<ConnectDelayResult> {
  const world = await startConnectWorld(ONE_WAY_MS);
  const samples = new Map<string, Sample[]>();
  try {
    const bench = await createBench(world);
    try {
      const cases = (['direct', 'starttls'] as const).flatMap((mode) => KINDS.map((kind) => ({ kind, mode })));
      for (let round = 0; round < rounds; round += 1) {
        // Rotated each round: no case always runs right after the same other one.
        const order = cases.map((_, i) => cases[(i + round) % cases.length] as Case);
        for (const c of order) {
          const key = `${c.mode}:${c.kind}`;
          samples.set(key, [...(samples.get(key) ?? []), await bench.run(c)]);
        }
      }
    } finally {
      await bench.stop();
    }
  } finally {
    await world.stop();
  }
  printConnectDelay({ rounds, samples }, 2 * ONE_WAY_MS);
  results?.add(connectRows({ rounds, samples }, 2 * ONE_WAY_MS));
  return { rounds, samples };
}

const TARGETS: ReadonlyArray<{ kind: CaseKind; max: number }> = [
  { kind: 'posh-fp-cold', max: 1.1 },
  { kind: 'posh-ref-cold', max: 1.35 },
  { kind: 'posh-warm', max: 1.03 },
];

function printConnectDelay(result: ConnectDelayResult, rttMs: number): void {
  console.log(`\nConnect to online through ${rttMs} ms round trips (app connect path, real Prosody; median (min–max) of ${result.rounds})`);
  for (const mode of ['direct', 'starttls'] as const) {
    const get = (kind: CaseKind) => result.samples.get(`${mode}:${kind}`) ?? [];
    const pkix = median(get('pkix').map((s) => s.onlineMs));
    console.log(`  ${mode === 'direct' ? 'Direct TLS' : 'STARTTLS'}`);
    console.log(
      `    ${'case'.padEnd(34)} ${'online ms'.padStart(20)} ${'ready ms'.padStart(9)} ${'×(a)'.padStart(6)} ${'RTTs'.padStart(5)} ${'bound'.padStart(5)}  flights: xmpp, posh (conns), dns (questions)`,
    );
    for (const kind of KINDS) {
      const s = get(kind);
      const online = s.map((x) => x.onlineMs);
      const med = median(online);
      const rtts = med / rttMs;
      const bound = lowerBound(kind, mode);
      const last = s[s.length - 1];
      console.log(
        `    ${LABELS[kind].padEnd(34)} ${`${med.toFixed(0)} (${Math.min(...online).toFixed(0)}–${Math.max(...online).toFixed(0)})`.padStart(20)} ${median(s.map((x) => x.readyMs)).toFixed(0).padStart(9)} ${(med / pkix).toFixed(2).padStart(6)} ${rtts.toFixed(1).padStart(5)} ${String(bound).padStart(5)}  ${last?.xmppFlights ?? '-'}, ${last?.poshFlights ?? '-'} (${last?.poshConnections ?? '-'}), ${last?.dnsBursts ?? '-'} (${last?.dnsQuestions ?? '-'})`,
      );
    }
    for (const target of TARGETS) {
      const ratio = median(get(target.kind).map((x) => x.onlineMs)) / pkix;
      console.log(`    target ${LABELS[target.kind]} / (a) ≤ ${target.max.toFixed(2)}: ${ratio.toFixed(2)} ${ratio <= target.max ? 'ok' : '**miss**'}`);
    }
    for (const [fast, slow] of [['posh-fp-cold', 'after-tls-fp'], ['posh-ref-cold', 'after-tls-ref']] as const) {
      const gain = (median(get(slow).map((x) => x.onlineMs)) - median(get(fast).map((x) => x.onlineMs))) / rttMs;
      console.log(`    target ${LABELS[fast]} faster than (d) by ≥ 2 round trips: ${gain.toFixed(1)} ${gain >= 2 ? 'ok' : '**miss**'}`);
    }
  }
}


/** The combined table's rows: each case's time to online against (a) PKIX, and the round trips gained over (d). */
function connectRows(result: ConnectDelayResult, rttMs: number): ResultRow[] {
  return (['direct', 'starttls'] as const).flatMap((mode) => {
    const get = (kind: CaseKind) => (result.samples.get(`${mode}:${kind}`) ?? []).map((s) => s.onlineMs);
    const how = mode === 'direct' ? 'direct TLS' : 'STARTTLS';
    const pkix = median(get('pkix'));
    const cases = KINDS.map((kind): ResultRow => {
      const target = TARGETS.find((t) => t.kind === kind);
      const ratio = median(get(kind)) / pkix;
      return {
        benchmark: 'connect',
        measurement: `${how}: ${LABELS[kind]}, connect → online`,
        unit: 'ms',
        measured: spreadOf(get(kind)),
        ...(kind === 'pkix' ? {} : { baseline: { name: '(a) PKIX', median: pkix } }),
        ...(target ? { target: { text: `≤ ${target.max.toFixed(2)}× (a)`, met: ratio <= target.max } } : {}),
      };
    });
    const gains = (
      [
        ['posh-fp-cold', 'after-tls-fp'],
        ['posh-ref-cold', 'after-tls-ref'],
      ] as const
    ).map(([fast, slow]): ResultRow => {
      const gain = (median(get(slow)) - median(get(fast))) / rttMs;
      return {
        benchmark: 'connect',
        measurement: `${how}: ${LABELS[fast]} sooner than (d)`,
        unit: 'RTT',
        measured: spreadOf([gain]),
        target: { text: '≥ 2 RTT', met: gain >= 2 },
      };
    });
    return [...cases, ...gains];
  });
}
