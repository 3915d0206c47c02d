/**
 * The frame of the room tests: one Prosody per file serving SESSION_DOMAIN with a room service
 * (`Component "rooms.hosted.test" "muc"` with the room archive, mod_muc_mam), users alice, bob and carol,
 * and a helper that logs one of them in (real verified connection, real session) with the rooms feature
 * on top. Everything a test opens is closed after that test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { AccountId } from '../../../../app/domain/account.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createRooms, type Rooms, type RoomsEvents, type RoomsOptions } from '../../../../main/xmpp/features/rooms/rooms.js';
import type { XmppLink } from '../../../../main/xmpp/link.js';
import type { OnlineSession } from '../../../../main/xmpp/session/online-session.js';
import { openOnlineSession } from '../../../../main/xmpp/session/open-session.js';
import { startProsody, type Prosody } from '../../../harness/prosody.js';
import { createTestCa, createTestCertificate } from '../../../harness/test-pki.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { connectToLoopback, SESSION_DOMAIN } from '../session/verified-connection.js';

export const ROOM_SERVICE = `rooms.${SESSION_DOMAIN}`;
export const PEOPLE = ['alice', 'bob', 'carol'] as const;
export type Person = (typeof PEOPLE)[number];
const password = (user: Person) => `${user}-secret`;

/** Every event one person's rooms feature emitted, in order. */
export type Recorded = { [K in keyof RoomsEvents]: { readonly event: K; readonly payload: RoomsEvents[K] } }[keyof RoomsEvents];

export interface RoomClient {
  readonly user: Person;
  readonly jid: string;
  readonly session: OnlineSession;
  readonly rooms: Rooms;
  readonly events: Recorded[];
  readonly log: FeatureLogEntry[];
  /** Waits for an event of this kind that matches, among those already seen and those to come. */
  next<K extends keyof RoomsEvents>(event: K, match?: (payload: RoomsEvents[K]) => boolean): Promise<RoomsEvents[K]>;
  /** The payloads of the events of this kind seen so far. */
  seen<K extends keyof RoomsEvents>(event: K): RoomsEvents[K][];
  /** Cuts the network connection under the session (a dropped connection, not a clean close). */
  drop(): void;
}

/** A new room address on the test's room service, unique per call. */
export const newRoom = (name: string) => `${name}-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;

export interface RoomWorld {
  readonly prosody: Prosody;
  /** Logs `user` in (a new session, resource `resource`) with a rooms feature listening from the start. */
  open(user: Person, resource?: string, options?: RoomsOptions): Promise<RoomClient>;
  /** A rooms feature for an already open session (after the previous one was disposed), on `link` (the session's by default). */
  attach(session: OnlineSession, user: Person, drop?: () => void, options?: RoomsOptions, link?: XmppLink): RoomClient;
  /** A connection to the world's Prosody, verified by PKIX. */
  verified(): ReturnType<typeof connectToLoopback>;
}

export function useRoomWorld(): RoomWorld {
  let started: { prosody: Prosody; caPem: string } | null = null;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    const ca = await createTestCa();
    const leaf = await createTestCertificate({ commonName: SESSION_DOMAIN, dnsNames: [SESSION_DOMAIN], issuer: ca });
    const prosody = await startProsody({
      hosts: [{ domain: SESSION_DOMAIN, certPem: leaf.certPem, keyPem: leaf.keyPem }],
      users: PEOPLE.map((user) => ({ user, host: SESSION_DOMAIN, password: password(user) })),
      roomServices: [ROOM_SERVICE],
      // PEP and XEP-0402 bookmarks (mod_bookmarks also converts the legacy XEP-0048 kinds).
      modules: ['pep', 'bookmarks'],
    });
    started = { prosody, caPem: ca.certPem };
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  afterAll(async () => {
    await started?.prosody.stop();
  });
  const world = () => {
    if (started === null) throw new Error('The room world starts in beforeAll: use it inside a test.');
    return started;
  };

  const verified = () => {
    const { prosody, caPem } = world();
    return connectToLoopback({ port: prosody.starttlsPort, directTls: false, caPem });
  };

  const attach = (session: OnlineSession, user: Person, drop: () => void = () => undefined, options: RoomsOptions = {}, link: XmppLink = session.link): RoomClient => {
    const log: FeatureLogEntry[] = [];
    const deps = { link, accountId: `account-${user}` as AccountId, now: () => new Date(), ids: randomUUID, log: (entry: FeatureLogEntry) => log.push(entry) };
    const rooms = createRooms(deps, options);
    const events: Recorded[] = [];
    for (const event of ['occupant', 'message', 'updated', 'subject', 'privateMessage', 'left', 'rejoined'] as const) {
      rooms.on(event, (payload) => events.push({ event, payload } as Recorded));
    }
    const seen = <K extends keyof RoomsEvents>(event: K): RoomsEvents[K][] =>
      events.filter((e) => e.event === event).map((e) => e.payload as RoomsEvents[K]);
    closers.push(async () => rooms.dispose());
    return {
      user,
      jid: `${user}@${SESSION_DOMAIN}`,
      session,
      rooms,
      events,
      log,
      seen,
      drop,
      next: async (event, match = () => true) => {
        let found: RoomsEvents[typeof event] | undefined;
        await waitUntil(() => {
          found = seen(event).find(match);
          return found !== undefined;
        }, `${user}'s '${String(event)}' event`);
        return found as RoomsEvents[typeof event];
      },
    };
  };

  return {
    get prosody() {
      return world().prosody;
    },
    verified,
    attach,
    open: async (user, resource = 'desk', options = {}) => {
      const { connection, verdict } = await verified();
      expect(verdict.verified).toBe(true);
      const session = await openOnlineSession({
        connection,
        serverProof: 'pkix',
        domain: SESSION_DOMAIN,
        localpart: user,
        password: password(user),
        resource,
        previousMechanism: null,
      });
      closers.push(() => session.close());
      return attach(
        session,
        user,
        () => {
          connection.socket.destroy();
        },
        options,
      );
    },
  };
}
