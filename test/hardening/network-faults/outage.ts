/**
 * Test helper: one network fault, from the moment it strikes until the account is back, and what the test
 * saw on the way. Alice's app goes through the faulty path; Bob, on the same server, stays online. While Alice
 * is away each writes to the other; the fault is repaired once Alice has retried three times. What is
 * observed (attempt times, the delays the app asked for, verifications, deliveries) goes into one plain
 * sentence, the row's "got".
 */
import type { ConnectionState } from '../../../app/domain/account.js';
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { OnlineSession, OpenSessionArgs } from '../../../main/xmpp/session/online-session.js';
import { openOnlineSession } from '../../../main/xmpp/session/open-session.js';
import type { ChatClient } from '../../integration/app/chat-client.js';
import { messageBarrier } from '../../integration/app/message-barrier.js';

/** Exponential backoff like the app's (without its jitter, so the spacing can be checked): 250·2^(n-1) ms. */
export function recordedBackoff(): { readonly asked: number[]; readonly delay: (attempt: number) => number } {
  const asked: number[] = [];
  return {
    asked,
    delay: (attempt) => {
      const ms = 250 * 2 ** (attempt - 1);
      asked.push(ms);
      return ms;
    },
  };
}

/** The app's session opener with keep-alive timeouts of `ms` (the app waits 30 s + 30 s; a test cannot). */
export function openSessionWithKeepalive(ms: number): (args: OpenSessionArgs) => Promise<OnlineSession> {
  return (args) => openOnlineSession(args, { keepaliveIdleMs: ms, keepaliveAnswerMs: ms });
}

export interface Fault {
  /** Breaks the path; from now on every new attempt fails until repair(). */
  strike(): void | Promise<void>;
  repair(): void;
  /** When each connection attempt reached the network (ms, performance.now()), in order. */
  attemptTimes(): readonly number[];
}

export interface OutageSeen {
  /** Attempts that reached the network after the fault, the successful one included. */
  readonly attempts: number;
  /** Every gap between two attempts was at least the delay the app asked for, and the delays grew. */
  readonly spaced: boolean;
  /** The method of the verdict the account came back online with, or null if it came back unverified. */
  readonly method: TrustMethod | null;
  /** A new verification was logged and the online verdict was checked after the fault. */
  readonly verifiedAgain: boolean;
  /** How often each side received what the other wrote during the outage. */
  readonly copiesAtBob: number;
  readonly copiesAtAlice: number;
  readonly final: Extract<ConnectionState, { stage: 'online' }>;
  /** Why the app said it was reconnecting the first time (the fault as the app noticed it). */
  readonly firstError: string;
}

export async function sufferOutage(alice: ChatClient, bob: ChatClient, fault: Fault, asked: number[]): Promise<OutageSeen> {
  const logBefore = (await alice.call('getTrustLog', { accountId: alice.accountId })).filter((e) => e.kind === 'verification').length;
  const attemptsBefore = fault.attemptTimes().length;
  const askedBefore = asked.length;
  const mark = alice.mark();
  const bobMark = bob.mark();
  const struck = new Date();
  await fault.strike();

  const first = await alice.stage('reconnecting', mark);
  const fromAlice = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: 'written by Alice during the outage' });
  if (fromAlice.state !== 'queued') throw new Error(`Alice's message should wait in the queue, not be "${fromAlice.state}"`);
  await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'written by Bob during the outage' });

  await alice.next('connectionChanged', (p) => p.accountId === alice.accountId && p.state.stage === 'reconnecting' && p.state.attempt === 3, { after: mark });
  fault.repair();
  const online = await alice.stage('online', mark);

  await bob.next('messageReceived', (m) => m.body === 'written by Alice during the outage', { after: bobMark });
  await alice.next('messageReceived', (m) => m.body === 'written by Bob during the outage', { after: mark });
  // Barriers both ways: any second copy of either message would have arrived before the marker.
  await messageBarrier(alice, bob.jid, [bob]);
  await messageBarrier(bob, alice.jid, [alice]);

  const times = fault.attemptTimes().slice(attemptsBefore);
  const delays = asked.slice(askedBefore);
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  // Timers do not fire early; 5 ms covers the distance between the app's timer and the relay's clock reading.
  const spaced = gaps.length >= 2 && gaps.every((gap, i) => gap >= delays[i + 1]! - 5) && delays.every((d, i) => i === 0 || d > delays[i - 1]!);
  const logAfter = (await alice.call('getTrustLog', { accountId: alice.accountId })).filter((e) => e.kind === 'verification').length;
  return {
    attempts: times.length,
    spaced,
    method: online.verdict.verified ? online.verdict.method : null,
    verifiedAgain: logAfter > logBefore && Date.parse(online.verdict.checkedAt) >= struck.getTime(),
    copiesAtBob: bob.all('messageReceived', bobMark).filter((m) => m.body === 'written by Alice during the outage').length,
    copiesAtAlice: alice.all('messageReceived', mark).filter((m) => m.body === 'written by Bob during the outage').length,
    final: online,
    firstError: first.lastError.message,
  };
}

/** The row's words for what was seen. */
export function describeRecovery(seen: OutageSeen): string {
  const copies = (n: number) => (n === 1 ? 'once' : `${n} times`);
  const verified = seen.verifiedAgain ? `verified again (${seen.method ?? 'unverified'})` : 'not verified again';
  return (
    `online after ${seen.attempts} ${seen.spaced ? 'spaced' : 'unspaced'} attempts, ${verified}, ` +
    `queued ${copies(seen.copiesAtBob)}, incoming ${copies(seen.copiesAtAlice)}`
  );
}
