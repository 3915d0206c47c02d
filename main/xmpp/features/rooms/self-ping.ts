/**
 * MUC self-ping (XEP-0410): a room can forget us without telling us (its service restarted, it took an error
 * of ours for a gone client). After a quiet spell in a room we ping our own occupant JID; the room answers
 * for us when we are still in, and refuses when we are not. Only the room's answer decides: a ping that gets
 * no answer (a dead link, a slow federated server) leaves the room alone, the connection's own checks deal
 * with a dead link.
 *
 * This module only decides and asks; rooms.ts says which rooms we are in, tells it when a room was heard
 * from, and does the rejoin. Time comes from `now`: nothing here runs a timer.
 */
import { xml, type Element } from '@xmpp/xml';
import type { FeatureDeps } from '../feature-deps.js';
import { StanzaError } from '../../link.js';
import { NS } from '../namespaces.js';

/** How long a room may stay silent before we check that we are still in it. */
export const SELF_PING_QUIET_MS = 15 * 60_000;
/** How long the room has to answer a ping; no answer decides nothing. */
export const SELF_PING_TIMEOUT_MS = 60_000;

/** What a ping's answer says: still in the room, dropped from it, or nothing we can act on. */
export type SelfPingVerdict = 'joined' | 'dropped' | 'unknown';

/** The errors that still mean "joined" (XEP-0410 §3.2): the room routed the ping and our client (or the room) declined it. */
const STILL_JOINED: ReadonlySet<string> = new Set([
  'service-unavailable',
  'feature-not-implemented',
  // Our nickname just changed from another client of ours: still in, under another name.
  'item-not-found',
]);
/** The errors that say nothing about the room (§3.2): its server could not be reached, as a timeout. */
const NO_DECISION: ReadonlySet<string> = new Set(['remote-server-not-found', 'remote-server-timeout']);

/** The verdict for a ping's outcome: null for a result, else what `link.request` rejected with. */
export function selfPingVerdict(failure: unknown): SelfPingVerdict {
  if (failure === null) return 'joined';
  // A timeout, a closed stream: not the room's answer.
  if (!(failure instanceof StanzaError)) return 'unknown';
  if (STILL_JOINED.has(failure.condition)) return 'joined';
  if (NO_DECISION.has(failure.condition)) return 'unknown';
  // not-acceptable (what rooms answer a non-occupant) and any other error: we are not in the room.
  return 'dropped';
}

/** XEP-0199 ping to our own occupant JID (XEP-0410 §3.1). */
export function selfPingRequest(room: string, nick: string): Element {
  return xml('iq', { type: 'get', to: `${room}/${nick}` }, xml('ping', { xmlns: NS.ping }));
}

export interface SelfPingDeps extends Pick<FeatureDeps, 'link' | 'now' | 'log'> {
  readonly quietMs?: number;
  readonly timeoutMs?: number;
}

export interface SelfPing {
  /** Something came from this room: it still knows us, no need to ask for a while. */
  heard(room: string): void;
  /** We are out of this room: stop following it. */
  forget(room: string): void;
  /**
   * Pings each of `joined` quiet for longer than the quiet spell (one ping per room at a time) and answers the
   * verdicts of those pinged. A room seen for the first time counts as heard now.
   */
  check(joined: readonly { readonly room: string; readonly nick: string }[]): Promise<Array<{ readonly room: string; readonly nick: string; readonly verdict: SelfPingVerdict }>>;
}

export function createSelfPing({ link, now, log, quietMs = SELF_PING_QUIET_MS, timeoutMs = SELF_PING_TIMEOUT_MS }: SelfPingDeps): SelfPing {
  /** When each room was last heard from (ms since the epoch). */
  const lastHeard = new Map<string, number>();
  const pinging = new Set<string>();

  async function ping(room: string, nick: string): Promise<SelfPingVerdict> {
    pinging.add(room);
    try {
      await link.request(selfPingRequest(room, nick), timeoutMs);
      return 'joined';
    } catch (error) {
      const verdict = selfPingVerdict(error);
      if (verdict !== 'joined') log({ feature: 'rooms', reason: `self-ping: ${verdict} (${error instanceof Error ? error.message : String(error)})`, from: room });
      return verdict;
    } finally {
      pinging.delete(room);
      // Whatever the answer, the next check waits for another quiet spell.
      lastHeard.set(room, now().getTime());
    }
  }

  return {
    heard: (room) => {
      lastHeard.set(room, now().getTime());
    },
    forget: (room) => {
      lastHeard.delete(room);
    },
    async check(joined) {
      const at = now().getTime();
      const due = joined.filter(({ room }) => {
        if (pinging.has(room)) return false;
        const heard = lastHeard.get(room);
        if (heard === undefined) {
          lastHeard.set(room, at);
          return false;
        }
        return at - heard >= quietMs;
      });
      return Promise.all(due.map(async ({ room, nick }) => ({ room, nick, verdict: await ping(room, nick) })));
    },
  };
}
