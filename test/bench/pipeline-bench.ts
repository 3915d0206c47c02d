/**
 * The inbound message pipeline (issue 16, item 3): a burst of one-to-one messages from a real Prosody through
 * the app's whole path (the verified session, the chat features, the local store, the events the window gets,
 * each copied as Electron's IPC copies it) against a bare session of the same packages receiving the same
 * burst and doing nothing with it (`@xmpp/client`'s packages under the project's own session, which is what
 * the app is built on; the full `@xmpp/client` bundle is not a dependency).
 *
 * The burst: the messages are sent to bob while he is offline, so the server keeps them and hands them all over
 * the moment he is online; the clock runs from that moment (the app's `online` event, the bare session's
 * initial presence) to the last message delivered. Each round sends a new burst for each side, one after the
 * other; the process's peak resident memory is sampled during each side's run. The server keeps no archive
 * (see runPipelineBench), so the app's first login finds none and its catch-up asks nothing.
 */
import { randomUUID } from 'node:crypto';
import { xml } from '@xmpp/xml';
import { connectVerified } from '../../main/xmpp/connect-verified.js';
import { createNameLookup } from '../../main/net/name-lookup.js';
import { createXmppResolver } from '../../main/xmpp/resolver.js';
import type { OnlineSession } from '../../main/xmpp/session/online-session.js';
import { openOnlineSession } from '../../main/xmpp/session/open-session.js';
import type { PoshResult } from '../../app/domain/trust.js';
import { appCaller } from '../harness/app-caller.js';
import { password, startAppWorld, type AppWorld } from '../harness/app-world.js';
import { createTestApp } from '../harness/test-app.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { spreadOf, type ResultsSink } from './results-table.js';
import { QUICK_RUN_NOTE, type BenchScale } from './bench-scale.js';
import { summarize, type Summary } from './messages/stats.js';

const DOMAIN = 'valid.test';
const RECEIVER = `bob@${DOMAIN}`;
/** The target: the app keeps at least this share of the bare session's rate. */
const TARGET_RATIO = 0.7;

interface SideRun {
  readonly perSecond: number;
  readonly peakRssMb: number;
}

const absentPosh = (domain: string): PoshResult => ({ domain, status: 'absent', format: null, steps: [], expires: null, match: null, reason: 'not asked in this benchmark' });

/** A session of `user` on the world's Prosody, verified by PKIX against the world's test CA. */
async function bareSession(world: AppWorld, user: string, resource: string): Promise<OnlineSession> {
  const { connection } = await connectVerified(
    { domain: DOMAIN, configured: { host: '127.0.0.1', port: world.prosody.starttlsPort, directTls: false } },
    {
      resolver: createXmppResolver({ resolver: { resolveSrv: () => Promise.reject(new Error('no DNS')), resolve4: () => Promise.reject(new Error('no DNS')), resolve6: () => Promise.reject(new Error('no DNS')) } }),
      lookup: createNameLookup(),
      ca: [world.ca.certPem],
      posh: { start: (d) => ({ domain: d, verify: async () => absentPosh(d) }), list: async () => [], forget: async () => undefined },
      pins: { get: async () => null },
      now: () => new Date(),
      timeoutMs: 10_000,
    },
  );
  return openOnlineSession({ connection, serverProof: 'pkix', domain: DOMAIN, localpart: user, password: password(user), resource, previousMechanism: null });
}

/**
 * Alice sends `count` messages to bob, who is offline, and waits until the server has taken them all: it handles
 * a client's stanzas in order, so once the ping sent after them is answered, every message is stored for bob.
 */
async function sendBurst(sender: OnlineSession, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    void sender.link.send(xml('message', { to: RECEIVER, type: 'chat', id: `${tag}-${i}` }, xml('body', {}, `${tag} message ${i}: the quick brown fox jumps over the lazy dog`)));
  }
  await sender.link.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })), 120_000);
}

/** Samples the process's resident memory until stopped; answers the peak in MB. */
function rssSampler(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
  };
}

/** The whole app: bob's account added, the clock from its `online` event to the last `messageReceived` the window got. */
async function appSide(world: AppWorld, count: number): Promise<SideRun> {
  const app = await createTestApp({ network: world.network('starttls') });
  try {
    let received = 0;
    let onlineAt = 0;
    let done: (at: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (done = resolve));
    app.forwardEvents((event, payload) => {
      // What Electron's webContents.send does to every event: a structured copy for the window's process.
      structuredClone(payload);
      if (event === 'connectionChanged' && onlineAt === 0 && (payload as { state: { stage: string } }).state.stage === 'online') onlineAt = performance.now();
      if (event === 'messageReceived' && (received += 1) === count) done(performance.now());
    });
    const peak = rssSampler();
    const { settings: { id } } = await appCaller(app)('addAccount', { jid: RECEIVER, password: password('bob'), rememberPassword: true });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { timeoutMs: 30_000 });
    const lastAt = await withTimeout(finished, 300_000, () => `the app received ${received} of ${count} messages`);
    return { perSecond: count / ((lastAt - onlineAt) / 1000), peakRssMb: peak() };
  } finally {
    await app.close();
  }
}

/** A bare session of bob: counts the chat messages with a body, nothing else. */
async function bareSide(world: AppWorld, count: number): Promise<SideRun> {
  const session = await bareSession(world, 'bob', `bare-${randomUUID().slice(0, 8)}`);
  try {
    let received = 0;
    let done: (at: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (done = resolve));
    session.link.onStanza((stanza) => {
      if (stanza.name === 'message' && stanza.getChild('body') && (received += 1) === count) done(performance.now());
    });
    const peak = rssSampler();
    const presenceAt = performance.now();
    await session.link.send(xml('presence'));
    const lastAt = await withTimeout(finished, 300_000, () => `the bare session received ${received} of ${count} messages`);
    return { perSecond: count / ((lastAt - presenceAt) / 1000), peakRssMb: peak() };
  } finally {
    await session.close();
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out: ${what()}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const rate = (s: Summary) => `${Math.round(s.median).toLocaleString('en-GB')} msg/s (${Math.round(s.min).toLocaleString('en-GB')}–${Math.round(s.max).toLocaleString('en-GB')})`;
const mb = (s: Summary) => `${s.max.toFixed(0)} MB`;

export async function runPipelineBench(scale: BenchScale, results?: ResultsSink): Promise<void> {
  const count = scale.pipelineMessages;
  const rounds = scale.pipelineRounds;
  // Without the message archive: Prosody's file storage of it slows with every message kept (a burst of 20,000
  // into an archive of 40,000 took minutes), and what is measured here is live delivery, not the server's disk.
  // Offline messages are an archive too, 10,000 at most by Prosody's default: the burst must fit whole.
  const world = await startAppWorld({ withoutModules: ['mam'], archiveItemLimit: 2 * count });
  const sender = await bareSession(world, 'alice', 'sender');
  try {
    const app: SideRun[] = [];
    const bare: SideRun[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await sendBurst(sender, count, `app${round}`);
      app.push(await appSide(world, count));
      await sendBurst(sender, count, `bare${round}`);
      bare.push(await bareSide(world, count));
    }
    const appRate = summarize(app.map((r) => r.perSecond));
    const bareRate = summarize(bare.map((r) => r.perSecond));
    const ratio = appRate.median / bareRate.median;
    console.log(`\nInbound messages: ${count.toLocaleString('en-GB')} one-to-one messages held by Prosody, delivered at once (${rounds} round(s), median (min–max))`);
    console.log(`  The app (session, chat, store, events)   ${rate(appRate).padEnd(28)} peak RSS ${mb(summarize(app.map((r) => r.peakRssMb)))}`);
    console.log(`  Bare session (same packages)             ${rate(bareRate).padEnd(28)} peak RSS ${mb(summarize(bare.map((r) => r.peakRssMb)))}`);
    console.log(`  Ratio app/bare: ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×) ${ratio >= TARGET_RATIO ? 'ok' : 'MISS'}`);
    const bareRss = summarize(bare.map((r) => r.peakRssMb)).max;
    results?.add([
      {
        benchmark: 'pipeline',
        measurement: `${count.toLocaleString('en-GB')} inbound messages: the app (session, chat, store, events)`,
        unit: 'msg/s',
        measured: spreadOf(app.map((r) => r.perSecond)),
        baseline: { name: 'bare session', median: bareRate.median },
        target: { text: `≥ ${TARGET_RATIO}× bare`, met: ratio >= TARGET_RATIO },
      },
      { benchmark: 'pipeline', measurement: 'the same: peak resident memory, app', unit: 'MB', measured: spreadOf(app.map((r) => r.peakRssMb)), baseline: { name: 'bare session (peak)', median: bareRss } },
    ]);
    if (scale.quick) console.log(QUICK_RUN_NOTE);
  } finally {
    await sender.close();
    await world.close();
  }
}
