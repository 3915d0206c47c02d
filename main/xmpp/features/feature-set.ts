/**
 * All chat features of one online session, wired to each other: receipts are answered only to contacts
 * who may see our presence (roster), archive pages skip what arrived live (shared dedupe), carbons feed
 * messages, and every presence we announce carries our caps (disco). Rooms read what comes from the rooms
 * we join (presence.ts and messages.ts leave that alone). The outgoing queue is not part of
 * it: it outlives sessions (create it once per account with createOutgoingQueue).
 */
import { createArchive, type Archive } from './archive.js';
// issue 14: avatars and nicknames
import { createAvatars, type Avatars } from './avatars/avatars.js';
import { createBookmarks, type Bookmarks } from './bookmarks/bookmarks.js';
import { createCarbons, type Carbons } from './carbons.js';
import { createChatMarkers, type ChatMarkers } from './chat-markers.js';
import { createDedupe, type MessageDedupe } from './dedupe.js';
import { createDisco, type Disco } from './disco.js';
import type { FeatureDeps } from './feature-deps.js';
import { createMessages, type Messages } from './messages.js';
import { createPresence, type Presence } from './presence.js';
import { createInvitations, type Invitations } from './rooms/invitations.js';
import { createRooms, type Rooms } from './rooms/rooms.js';
import { createRoomArchive, type RoomArchive } from './rooms/room-archive.js';
import { createRoster, type Roster } from './roster.js';
import { createSubscriptions, type Subscriptions } from './subscriptions.js';
// issue 14: blocking
import { createBlocking, type Blocking } from './blocking.js';
import type { OpenEncrypted } from './encrypted-part.js';
import { discoverUploadService, requestSlot, type SlotRequest, type UploadService, type UploadSlot } from './http-upload.js';

export interface FeatureSetDeps extends FeatureDeps {
  /** The server advertised `urn:xmpp:features:pre-approval`. */
  readonly preApproval: boolean;
  /** Carry duplicate suppression over from an earlier session of the same account; a new one otherwise. */
  readonly dedupe?: MessageDedupe;
  /**
   * issue 15: OMEMO. Decrypts incoming encrypted messages, live, carbons and archived (the account's OMEMO
   * service); absent: they are listed as not readable ('not-set-up'), never as their fallback text.
   */
  readonly openEncrypted?: OpenEncrypted;
}

export interface FeatureSet {
  readonly roster: Roster;
  readonly presence: Presence;
  readonly subscriptions: Subscriptions;
  readonly messages: Messages;
  readonly carbons: Carbons;
  readonly archive: Archive;
  readonly disco: Disco;
  readonly rooms: Rooms;
  readonly bookmarks: Bookmarks;
  /** Rooms' own archives (XEP-0313 to the room JID): room history (issue 13). Holds no listener between queries. */
  readonly roomArchive: RoomArchive;
  /** Room invitations (XEP-0249 direct, XEP-0045 mediated), told as requests: never joined by themselves. */
  readonly invitations: Invitations;
  // issue 14: avatars and nicknames
  /** Contacts' avatars and nicknames as announced (XEP-0084, XEP-0153, XEP-0172), and publishing ours. */
  readonly avatars: Avatars;
  // issue 14: blocking
  /** XEP-0191: the block list and the server's pushes of it. */
  readonly blocking: Blocking;
  // issue 14: read markers
  /** XEP-0333 displayed markers, both ways (carbons feed it too). */
  readonly chatMarkers: ChatMarkers;
  // issue 14: files
  /** XEP-0363: our server's upload service and its slots (asked each time; nothing is kept). */
  readonly files: { uploadService(): Promise<UploadService | null>; requestSlot(service: string, request: SlotRequest): Promise<UploadSlot> };
  /** Stops every listener and iq handler the features registered on the link. */
  dispose(): void;
}

export function createFeatureSet(deps: FeatureSetDeps): FeatureSet {
  const dedupe = deps.dedupe ?? createDedupe();
  const disco = createDisco(deps);
  const roster = createRoster(deps);
  const presence = createPresence({ ...deps, extensions: () => [disco.capsElement()] });
  const subscriptions = createSubscriptions(deps);
  const messages = createMessages({ ...deps, dedupe, mayAcknowledge: (peer) => roster.sharesPresenceWith(peer) });
  // issue 14: read markers. A carbon may carry a marker (no body) as well as a message: both modules read it.
  const chatMarkers = createChatMarkers(deps);
  const carbons = createCarbons({
    ...deps,
    messages: {
      acceptCarbon: (inner, direction) => {
        messages.acceptCarbon(inner, direction);
        chatMarkers.acceptCarbon(inner, direction);
      },
    },
  });
  const archive = createArchive({ ...deps, dedupe });
  const rooms = createRooms(deps);
  const bookmarks = createBookmarks(deps);
  const invitations = createInvitations(deps);
  // issue 14: avatars and nicknames
  const avatars = createAvatars(deps);
  const blocking = createBlocking(deps); // issue 14: blocking
  return {
    roster,
    presence,
    subscriptions,
    messages,
    carbons,
    archive,
    disco,
    rooms,
    bookmarks,
    roomArchive: createRoomArchive(deps),
    invitations,
    avatars,
    blocking, // issue 14: blocking
    chatMarkers, // issue 14: read markers
    files: { uploadService: () => discoverUploadService(deps), requestSlot: (service, request) => requestSlot(deps, service, request) }, // issue 14: files
    dispose() {
      for (const feature of [chatMarkers, blocking, avatars, invitations, bookmarks, rooms, carbons, messages, subscriptions, presence, roster, disco]) feature.dispose();
    },
  };
}
