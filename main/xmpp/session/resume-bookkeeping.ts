/**
 * XEP-0198 bookkeeping on xmpp.js's stream management object: the state a new connection needs to resume,
 * seeding a new stream with it, and what becomes of our unacknowledged stanzas when the server cannot
 * resume (acknowledged by the count it gives, or handed back to be sent again).
 */
import type { StreamManagement } from '@xmpp/stream-management';
import type { Element } from '@xmpp/xml';
import { ConnectionLostError } from '../errors.js';
import type { NotResumed, ResumeState, UnackedStanza } from './resume-state.js';
import type { SessionClient } from './session-client.js';
import type { Stream } from './stream-state.js';

/**
 * A new connection may resume this stream: it was resumed itself, or the server enabled stream management on
 * it with an SM-ID. (Read from the stream, not from xmpp.js's `enabled`, which it clears when the socket drops.)
 */
export function canResume(stream: Stream): boolean {
  return stream.phase === 'resumed' || (stream.acks === 'on' && Boolean(stream.sm.id));
}

export function snapshot(sm: StreamManagement, jid: string): ResumeState {
  return { id: sm.id, jid, inbound: sm.inbound, outbound: sm.outbound, unacked: queueOf(sm) };
}

function queueOf(sm: StreamManagement): UnackedStanza[] {
  return sm.outbound_q.map((item) => ({ stanza: item.stanza, stamp: item.stamp }));
}

/** Stanzas sent while disconnected join the state to resume, after those the server has not acknowledged. */
function withHeld(resume: ResumeState, held: readonly UnackedStanza[]): ResumeState {
  return { ...resume, unacked: [...resume.unacked, ...held] };
}

/** Seeds xmpp.js's SM with the old stream's state: its stream feature then sends <resume/>. */
export function seedResume(sm: StreamManagement, entity: SessionClient, resume: ResumeState): void {
  sm.id = resume.id;
  sm.inbound = resume.inbound;
  sm.outbound = resume.outbound;
  sm.outbound_q = [...resume.unacked];
  entity._jid(resume.jid);
}

/**
 * The server answered our <enable/> with <failed/> after the session went online on it: the stream carries on
 * without acknowledgements. What xmpp.js queued since <enable/> was written on this stream, which is up, and
 * without stream management that is all the certainty there is (as on a stream that never offered it): those
 * stanzas count as acknowledged now, and each one written from here on as it is written (session-stream.ts).
 */
export function enableRefused(stream: Stream, onAcked: (stanza: Element) => void): void {
  stream.acks = 'refused';
  const written = stream.sm.outbound_q.map((item) => item.stanza);
  stream.sm.outbound_q = [];
  stream.sm.outbound = 0;
  for (const stanza of written) onAcked(stanza);
}

/**
 * A stream ended with no way to resume it (no SM-ID yet because <enabled/> had not come, or a stream error):
 * the stanzas the server never acknowledged on it are taken, for the next bind to report as not resumed.
 */
export function unresumable(stream: Stream): Element[] {
  return stream.sm.outbound_q.length > 0 ? takeQueue(stream.sm) : [];
}

/** The server answered <resume/> with <failed h='…'/>: what its `h` says it received is acknowledged. */
function acknowledgeUpTo(sm: StreamManagement, failed: Element, onAcked: (stanza: Element) => void): void {
  const h = Number(failed.attrs.h);
  if (!Number.isInteger(h) || h < sm.outbound) return;
  for (let acked = h - sm.outbound; acked > 0 && sm.outbound_q.length > 0; acked -= 1) {
    const item = sm.outbound_q.shift();
    sm.outbound += 1;
    if (item) onAcked(item.stanza);
  }
}

/** The condition the server gave in <failed/>. */
function failedCondition(failed: Element): string {
  return failed.getChildElements()[0]?.name ?? 'unknown';
}

/**
 * Empties SM's queue and forgets the old stream when no <resume/> was sent at all (after <failed/> xmpp.js
 * does this itself, one 'fail' event per stanza). Returns the stanzas, oldest first.
 */
function takeQueue(sm: StreamManagement): Element[] {
  const unacked = sm.outbound_q.map((item) => item.stanza);
  sm.outbound_q = [];
  sm.outbound = 0;
  sm.id = '';
  return unacked;
}

/**
 * Resumption is over: requests of the old session can no longer be answered, and the stanzas still queued
 * become `notResumed`. Who empties the queue: xmpp.js (after <failed/>, one 'fail' event per stanza,
 * collected in session-stream.ts) or we, when no <resume/> was sent at all.
 */
export function giveUpResume(stream: Stream, reason: string, queueEmptiedBy: 'xmpp.js' | 'ours', failRequests: (error: Error) => void): void {
  if (!stream.resume) return;
  stream.resume = null;
  stream.notResumed = { reason, unacked: [] };
  failRequests(new ConnectionLostError('the session could not be resumed, so the request got no answer'));
  if (queueEmptiedBy === 'ours') stream.notResumed = { reason, unacked: takeQueue(stream.sm) };
}

/** The server answered <resume/> with <failed/>: drop what its `h` says it received, the rest is not resumed. */
export function resumeRefused(stream: Stream, failed: Element, onAcked: (stanza: Element) => void, failRequests: (error: Error) => void): void {
  acknowledgeUpTo(stream.sm, failed, onAcked);
  // xmpp.js's SM feature calls its failed() right after this, handing back each queued stanza via 'fail'.
  giveUpResume(stream, `the server could not resume the session (${failedCondition(failed)})`, 'xmpp.js', failRequests);
}

/**
 * Our stanzas between connections: those sent while disconnected or while a resumption is being negotiated
 * (held, then sent after resuming), and those a failed resumption handed back on a connection that then
 * failed too (orphaned, then reported as not resumed on the next bind).
 */
export class StanzaBacklog {
  #held: UnackedStanza[] = [];
  #orphaned: Element[] = [];

  hold(stanza: Element, stamp: string): void {
    this.#held.push({ stanza, stamp });
  }

  /** The held stanzas join `previous`, the state a new connection asks to resume (null: nothing to resume). */
  joinResume(previous: ResumeState | null): ResumeState | null {
    if (!previous) return null;
    const resume = withHeld(previous, this.#held);
    this.#held = [];
    return resume;
  }

  /** `resume` as it would be asked for now, held stanzas included. */
  peek(resume: ResumeState): ResumeState {
    return withHeld(resume, this.#held);
  }

  takeHeld(): UnackedStanza[] {
    const held = this.#held;
    this.#held = [];
    return held;
  }

  orphan(stanzas: readonly Element[]): void {
    this.#orphaned.push(...stanzas);
  }

  /** What a stream that bound afresh reports as not resumed: orphaned, handed back, then held stanzas. */
  takeNotResumed(handedBack: NotResumed | null, held: readonly UnackedStanza[]): NotResumed | null {
    const lost = [...this.#orphaned, ...(handedBack?.unacked ?? []), ...held.map((item) => item.stanza)];
    this.#orphaned = [];
    if (!handedBack && lost.length === 0) return null;
    return { reason: handedBack?.reason ?? 'an earlier resumption failed', unacked: lost };
  }
}
