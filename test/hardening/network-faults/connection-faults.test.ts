/**
 * Network faults under a chat with real Prosody (issue 9, the hardening suite's "network faults" part): the
 * connection is reset mid-stream, goes silent without closing (half-open TCP), or DNS fails. In each case
 * the account comes back by itself, retrying with growing delays rather than in a tight loop; the new
 * connection is verified again like the first; and what either side wrote meanwhile arrives exactly once.
 * Alice's app reaches the server through a relay the test controls (tcp-relay.ts); Bob's does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { befriend, seesOnline } from '../../integration/app/chat-friends.js';
import { chatSuite } from '../../integration/app/chat-suite.js';
import { expectBehaviour } from '../behaviour-table.js';
import { startFaultyNetwork, type FaultyNetwork } from './faulty-network.js';
import { describeRecovery, openSessionWithKeepalive, recordedBackoff, sufferOutage, type Fault } from './outage.js';

const available = requireSystemDependency(PROSODY, 'hardening (Prosody)');

interface Case {
  readonly name: string;
  /** Each case its own domain (and so its own accounts, contacts and way of verifying). */
  readonly domain: 'valid.test' | 'posh.test' | 'ref.test';
  readonly method: 'pkix' | 'posh';
  /** How the app learns of the fault, in the words of its first "reconnecting" state. */
  readonly noticed: RegExp;
  readonly fault: (net: FaultyNetwork) => Fault;
}

const relayAttempts = (net: FaultyNetwork) => () => net.relay.arrivals;

const cases: readonly Case[] = [
  {
    name: 'the connection is reset mid-stream',
    domain: 'posh.test',
    method: 'posh',
    noticed: /lost|reset|closed/i,
    fault: (net) => ({
      strike: () => {
        net.relay.refuseNew(true);
        net.relay.resetAll();
      },
      repair: () => net.relay.refuseNew(false),
      attemptTimes: relayAttempts(net),
    }),
  },
  {
    // Nothing tells the app: only its keep-alive check (shortened to 1 s here) can notice.
    name: 'the connection goes silent without closing (half-open TCP)',
    domain: 'ref.test',
    method: 'posh',
    noticed: /keep-alive/,
    fault: (net) => ({
      strike: () => {
        net.relay.refuseNew(true);
        net.relay.silenceAll();
      },
      repair: () => net.relay.refuseNew(false),
      attemptTimes: relayAttempts(net),
    }),
  },
  {
    // The stream is lost, and while the app tries again, its DNS server cannot be reached.
    name: 'DNS fails while the app reconnects',
    domain: 'valid.test',
    method: 'pkix',
    noticed: /lost|reset|closed/i,
    fault: (net) => ({
      strike: () => {
        net.dnsDown(true);
        net.relay.resetAll();
      },
      repair: () => net.dnsDown(false),
      attemptTimes: () => net.srvQueries,
    }),
  },
];

describe.runIf(available)('network faults under a chat', () => {
  const suite = chatSuite();
  const networks: FaultyNetwork[] = [];
  afterEach(async () => {
    await Promise.all(networks.splice(0).map((n) => n.close()));
  });

  for (const c of cases) {
  it(`${c.name}: back online with backoff, verified again, each message once`, async (context) => {
    const net = await startFaultyNetwork(suite.world);
    networks.push(net);
    const backoff = recordedBackoff();
    const alice = await suite.open(`alice@${c.domain}`, 'desk', {
      network: net.network,
      reconnectDelay: backoff.delay,
      app: { openSession: openSessionWithKeepalive(1000) },
    });
    const bob = await suite.open(`bob@${c.domain}`, 'laptop');
    await befriend(alice, bob);
    await Promise.all([seesOnline(alice, bob, 'laptop'), seesOnline(bob, alice, 'desk')]);

    const seen = await sufferOutage(alice, bob, c.fault(net), backoff.asked);

    expect(seen.firstError).toMatch(c.noticed);
    expect(seen.final.verdict).toMatchObject({ verified: true, method: c.method, domain: c.domain });
    expectBehaviour(context, {
      expected: `online after 3 spaced attempts, verified again (${c.method}), queued once, incoming once`,
      got: describeRecovery(seen),
    });
  });
  }
});
