/**
 * The POSH web server is down while the XMPP server is up (issue 9, the hardening suite's "network faults"
 * part). A reconnect verifies again either way (posh.md §7.6); what POSH may contribute follows the cache
 * policy (posh.md §6): material fetched earlier and still within its `expires` proves the key as before;
 * once it has expired nothing proves it, so the user is asked and never told the server is verified.
 * Alice's app reaches XMPP through a relay and POSH through a route the test can cut (faulty-network.ts);
 * her app's clock can be moved forward, so the cache ages without waiting an hour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { befriend, seesOnline } from '../../integration/app/chat-friends.js';
import { chatSuite } from '../../integration/app/chat-suite.js';
import { expectBehaviour } from '../behaviour-table.js';
import { startFaultyNetwork, type FaultyNetwork } from './faulty-network.js';
import { recordedBackoff, sufferOutage } from './outage.js';

const available = requireSystemDependency(PROSODY, 'hardening (Prosody)');
const HOUR_MS = 3_600_000;

describe.runIf(available)('the POSH server is down while XMPP is up', () => {
  const suite = chatSuite();
  const networks: FaultyNetwork[] = [];
  afterEach(async () => {
    await Promise.all(networks.splice(0).map((n) => n.close()));
  });

  async function signInThroughFaults(domain: string) {
    const net = await startFaultyNetwork(suite.world);
    networks.push(net);
    let clockOffset = 0;
    const backoff = recordedBackoff();
    const alice = await suite.open(`alice@${domain}`, 'desk', {
      network: net.network,
      reconnectDelay: backoff.delay,
      app: { now: () => new Date(Date.now() + clockOffset) },
    });
    const firstVerdict = (await alice.stage('online')).verdict;
    // The first login fetched the domain's POSH document (and cached it, for an hour).
    expect(firstVerdict).toMatchObject({ verified: true, method: 'posh' });
    expect(firstVerdict.posh.steps[0]?.kind).not.toBe('cache');
    return { net, alice, backoff, advanceClock: (ms: number) => void (clockOffset += ms) };
  }

  it('a reconnect within the cached POSH lifetime: verified by the cached POSH proof, messages once', async (context) => {
    const { net, alice, backoff } = await signInThroughFaults('posh.test');
    const bob = await suite.open('bob@posh.test', 'laptop');
    await befriend(alice, bob);
    await Promise.all([seesOnline(alice, bob, 'laptop'), seesOnline(bob, alice, 'desk')]);

    net.poshDown(true);
    const seen = await sufferOutage(
      alice,
      bob,
      {
        strike: () => {
          net.relay.refuseNew(true);
          net.relay.resetAll();
        },
        repair: () => net.relay.refuseNew(false), // POSH stays down
        attemptTimes: () => net.relay.arrivals,
      },
      backoff.asked,
    );

    // Had the app fetched instead, the unreachable server would have left the key unproven.
    const source = seen.final.verdict.posh.steps[0]?.kind === 'cache' ? 'its cache' : 'the network';
    const copies = seen.copiesAtBob === 1 && seen.copiesAtAlice === 1 ? 'once' : `${seen.copiesAtBob}/${seen.copiesAtAlice} times`;
    expectBehaviour(context, {
      expected: 'back after 3 spaced attempts, verified again by posh from its cache, messages once',
      got: `back after ${seen.attempts} ${seen.spaced ? 'spaced' : 'unspaced'} attempts, ${seen.verifiedAgain ? 'verified again' : 'not verified again'} by ${seen.method ?? 'nothing'} from ${source}, messages ${copies}`,
    });
  });

  it('a reconnect after the cached POSH proof expired: the user is asked, never told it is verified', async (context) => {
    const { net, alice, advanceClock } = await signInThroughFaults('ref.test');
    net.poshDown(true);
    advanceClock(2 * HOUR_MS); // past the document's `expires` of one hour
    const mark = alice.mark();
    const logBefore = (await alice.call('getTrustLog', { accountId: alice.accountId })).length;
    net.relay.resetAll();

    const question = await alice.next('trustDecisionNeeded', (r) => r.accountId === alice.accountId, { after: mark });
    const waiting = await alice.stage('awaiting-decision', mark);
    // The question is the whole way back so far: the account was never shown online (verified or not) after the drop.
    const stages = alice.all('connectionChanged', mark).map((p) => p.state.stage);
    expect(stages.slice(0, stages.indexOf('awaiting-decision') + 1)).toEqual(['reconnecting', 'resolving', 'connecting', 'verifying', 'awaiting-decision']);
    const logged = (await alice.call('getTrustLog', { accountId: alice.accountId })).slice(logBefore);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'verification', verified: false });
    expect(question.verdict.posh.steps.some((s) => s.kind === 'cache')).toBe(false);

    const verdict = question.verdict;
    expectBehaviour(context, {
      expected: 'asked the user: not verified (posh error, no cached proof), not online',
      got: `asked the user: ${verdict.verified ? `verified by ${verdict.method}` : 'not verified'} (posh ${verdict.posh.status}, ${question.verdict.posh.steps.some((s) => s.kind === 'cache') ? 'cached proof used' : 'no cached proof'}), ${stages.includes('online') ? 'shown online' : 'not online'}${waiting.request.requestId === question.requestId ? '' : ', another question'}`,
    });
  });
});
