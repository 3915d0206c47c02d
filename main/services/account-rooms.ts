/**
 * One account's rooms (XEP-0045 group chats) across connections: the contract's room requests on the rooms
 * feature of the online session, and its events turned into the contract's room events. The rooms we are in
 * outlive a session that could not be resumed: they are kept when the features go and joined again once the
 * next session is online (a resumed stream needs nothing: the room never saw us leave).
 *
 * The account's bookmarks (XEP-0402) are read and changed here too; the first session of a run joins the
 * bookmarks marked autojoin (later sessions rejoin what we were in, which covers them unless we left).
 */
import type { AccountId } from '../../app/domain/account.js';
import { roomReach } from '../../app/domain/room-reach.js';
import type { Bookmark, RoomChange, RoomMessage, RoomSummary } from '../../app/domain/rooms.js';
import { UserFacingError } from '../ipc/handlers.js';
import { autojoinSpecs } from '../xmpp/features/bookmarks/autojoin.js';
import type { Bookmarks } from '../xmpp/features/bookmarks/bookmarks.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import type { JoinResult, RoomSpec } from '../xmpp/features/rooms/room-types.js';
import type { Rooms } from '../xmpp/features/rooms/rooms.js';
import type { EmitEvent } from './event-sink.js';
import { createRoomCreation, type RoomCreationRequests } from './room-creation.js';
import { createRoomModeration, type RoomModeration } from './room-moderation.js';
import { plainly } from './room-refusals.js';

/** The contract's room requests, for one account (creation and search: room-creation.ts). */
export interface RoomRequests extends RoomCreationRequests {
  services(): Promise<readonly string[]>;
  join(room: string, nick: string, password: string | null): Promise<RoomSummary>;
  leave(room: string): Promise<void>;
  send(room: string, body: string): Promise<RoomMessage>;
  setSubject(room: string, subject: string): Promise<void>;
  joined(): readonly RoomSummary[];
  bookmarks(): Promise<readonly Bookmark[]>;
  setBookmark(bookmark: Bookmark): Promise<void>;
  removeBookmark(room: string): Promise<void>;
  // rooms: moderation (private messages, kick, ban, our nickname: room-moderation.ts)
  readonly moderation: RoomModeration;
  // rooms: mentions and notifications
  /** Our nickname in the room now, or null when we are not in it (cheap: no summary is built). */
  nickIn(room: string): string | null;
}

export interface AccountRooms extends RoomRequests {
  /** A fresh session's rooms and bookmarks features: listen to them (call `rejoin` once the session is fully online). */
  attach(rooms: Rooms, bookmarks: Bookmarks): Array<() => void>;
  /** The session's features are going: remember the rooms we were in, to join them again later. */
  detach(): void;
  /**
   * Joins again the rooms the last session was in (and, after the first login of this run, the autojoin
   * bookmarks); a refusal is told as the room being left, with why.
   */
  rejoin(): Promise<void>;
}

export interface AccountRoomsDeps {
  readonly accountId: AccountId;
  /** The account's bare JID: which rooms are on its own server (room-reach.ts). */
  readonly accountJid: string;
  readonly emit: EmitEvent;
  readonly log: FeatureLog;
  /** The rooms feature of the session that is online and not suspended; throws a UserFacingError otherwise. */
  readonly online: () => Rooms;
  /** The bookmarks feature of the same online session; throws a UserFacingError otherwise. */
  readonly onlineBookmarks: () => Bookmarks;
}

export function createAccountRooms(deps: AccountRoomsDeps): AccountRooms {
  const { accountId, emit } = deps;
  let current: Rooms | null = null;
  /** What the last session was in, kept between detach and the next rejoin. */
  let kept: readonly RoomSpec[] = [];
  /** Autojoin bookmarks are joined once per run: after that, the rooms we are in are what we rejoin. */
  let autojoined = false;
  /** The names the rooms we are in gave themselves (room-info.ts); one per room we are in, at most. */
  const names = new Map<string, string>();

  function summaryOf(rooms: Rooms, room: string): RoomSummary | null {
    const spec = rooms.joined().find((r) => r.room === room);
    if (spec === undefined) return null;
    const name = names.get(room);
    return {
      accountId,
      room,
      nick: spec.nick,
      subject: rooms.subject(room),
      occupants: rooms.occupants(room),
      reach: roomReach(deps.accountJid, room),
      ...(name === undefined ? {} : { name }),
    };
  }

  const changed = (rooms: Rooms, room: string, kind: RoomChange['kind'], text: string | null) => {
    if (kind === 'left') names.delete(room);
    emit('roomChanged', { accountId, room, kind, text, summary: kind === 'left' ? null : summaryOf(rooms, room) });
  };

  /**
   * After a join: asks the room its name, without holding up the join, and tells the window when it has one
   * (a room can be renamed, so each join asks again). A room that does not answer keeps its address.
   */
  function learnName(rooms: Rooms, room: string): void {
    rooms.name(room).then(
      (name) => {
        if (name === null || names.get(room) === name || summaryOf(rooms, room) === null) return;
        names.set(room, name);
        changed(rooms, room, 'name', null);
      },
      (error: unknown) => deps.log({ feature: 'rooms', reason: `no room name: ${error instanceof Error ? error.message : String(error)}`, from: room }),
    );
  }
  const joinedNow = (rooms: Rooms, summary: RoomSummary) => {
    emit('roomChanged', { accountId, room: summary.room, kind: 'joined', text: null, summary });
    learnName(rooms, summary.room);
  };

  function joinedOrThrow(rooms: Rooms, result: JoinResult): RoomSummary {
    if (!result.ok) {
      if (result.suggestedNick === null) throw new UserFacingError(result.text);
      // The sentence for people, and the suggestion as a typed field for the window's one-click button.
      throw new UserFacingError(`${result.text} You could try "${result.suggestedNick}".`, { suggestedNick: result.suggestedNick });
    }
    const summary = summaryOf(rooms, result.room);
    if (summary === null) throw new UserFacingError('You left the room while it was letting you in.');
    return summary;
  }

  /** The autojoin bookmarks not already among `specs`; none when they cannot be read (logged). */
  async function autojoinBookmarks(specs: readonly RoomSpec[]): Promise<RoomSpec[]> {
    try {
      const bookmarks = await deps.onlineBookmarks().list();
      const fallbackNick = deps.accountJid.split('@')[0] ?? deps.accountJid;
      return autojoinSpecs(bookmarks, fallbackNick).filter((spec) => !specs.some((s) => s.room === spec.room));
    } catch (error) {
      deps.log({ feature: 'bookmarks', reason: `could not read the bookmarks: ${error instanceof Error ? error.message : String(error)}`, from: null });
      return [];
    }
  }

  // rooms: moderation
  const moderation = createRoomModeration({ accountId, emit, online: () => deps.online(), summaryOf, plainly });

  return {
    moderation,
    attach: (rooms, bookmarks) => {
      current = rooms;
      return [
        rooms.on('occupant', (event) => {
          // Our own departure is told once, by 'left', which follows.
          const selfOut = event.self && (event.kind === 'left' || event.kind === 'kicked' || event.kind === 'banned' || event.kind === 'removed');
          if (!selfOut) changed(rooms, event.room, 'occupants', event.text);
        }),
        rooms.on('subject', (s) => changed(rooms, s.room, 'subject', s.by === null ? null : subjectText(s.by, s.subject))),
        rooms.on('left', (left) => changed(rooms, left.room, 'left', left.text)),
        rooms.on('message', (message) => emit('roomMessageReceived', message)),
        rooms.on('updated', (update) => emit('roomMessageUpdated', { accountId, ...update })),
        bookmarks.on('changed', (bookmark) => emit('bookmarkChanged', { accountId, room: bookmark.room, bookmark })),
        bookmarks.on('removed', ({ room }) => emit('bookmarkChanged', { accountId, room, bookmark: null })),
        // rooms: moderation (private messages in, rooms joined again after self-ping)
        ...moderation.attach(rooms),
      ];
    },
    detach: () => {
      // Added to what is still kept: a session that ends before its rejoin ran must not forget those rooms.
      if (current !== null) {
        const now = new Map([...kept, ...current.joined()].map((spec) => [spec.room, spec]));
        kept = [...now.values()];
      }
      current = null;
    },
    rejoin: async () => {
      const rooms = current;
      let specs = kept;
      kept = [];
      if (rooms === null) return;
      if (!autojoined) {
        autojoined = true;
        specs = [...specs, ...(await autojoinBookmarks(specs))];
      }
      if (specs.length === 0) return;
      const results = await rooms.rejoin(specs);
      for (const result of results) {
        if (result.ok) {
          changed(rooms, result.room, 'joined', null);
          learnName(rooms, result.room);
        } else {
          deps.log({ feature: 'rooms', reason: `could not join again: ${result.kind}`, from: result.room });
          emit('roomChanged', { accountId, room: result.room, kind: 'left', text: `You could not join this room again. ${result.text}`, summary: null });
        }
      }
    },
    services: () => plainly(() => deps.online().discover()),
    join: (room, nick, password) =>
      plainly(async () => {
        const rooms = deps.online();
        const summary = joinedOrThrow(rooms, await rooms.join({ room, nick, password }));
        joinedNow(rooms, summary);
        return summary;
      }),
    leave: (room) => plainly(() => deps.online().leave(room)),
    send: (room, body) => plainly(() => deps.online().send(room, body)),
    setSubject: (room, subject) => plainly(() => deps.online().setSubject(room, subject)),
    bookmarks: () => plainly(() => deps.onlineBookmarks().list()),
    setBookmark: (bookmark) => plainly(() => deps.onlineBookmarks().set(bookmark)),
    removeBookmark: (room) => plainly(() => deps.onlineBookmarks().remove(room)),
    // rooms: mentions and notifications
    nickIn: (room) => current?.joined().find((spec) => spec.room === room)?.nick ?? null,
    // rooms: creation and search (room-creation.ts)
    ...createRoomCreation({ online: deps.online, summaryOf, joined: joinedNow }),
    joined: () => {
      const rooms = current;
      if (rooms === null) return [];
      return rooms.joined().flatMap((spec) => summaryOf(rooms, spec.room) ?? []);
    },
  };
}

function subjectText(by: string, subject: string): string {
  return subject === '' ? `${by} cleared the subject.` : `${by} changed the subject.`;
}
