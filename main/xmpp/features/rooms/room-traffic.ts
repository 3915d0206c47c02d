/**
 * Messages from the rooms we are in: messages to everyone (shown once; our own reflection recognised and
 * reported as delivered), subjects, private messages from occupants, and error replies to what we sent.
 */
import type { Element } from '@xmpp/xml';
import { setBounded } from '../bounded.js';
import { createDedupe } from '../dedupe.js';
import { displayTime } from '../delay.js';
import type { FeatureDeps } from '../feature-deps.js';
import { describeStanzaError } from '../stanza-error.js';
import { attr } from '../stanza-read.js';
import { referencesOccupant } from './mention-reference.js';
import { classifyRoomMessage } from './room-message.js';
import type { EmitRoomEvent, RoomState } from './room-state.js';

/** How many of our sent room messages we remember, to recognise their reflections and error replies. */
const MAX_TRACKED_OUTGOING = 5_000;

export interface RoomTraffic {
  /** Our message with this id (also its origin-id) went to `room`: expect its reflection or an error. */
  track(id: string, room: string): void;
  accept(stanza: Element, state: RoomState): void;
}

export type RoomTrafficDeps = Pick<FeatureDeps, 'accountId' | 'now' | 'ids' | 'log'> & { readonly emit: EmitRoomEvent };

export function createRoomTraffic({ accountId, now, ids, log, emit }: RoomTrafficDeps): RoomTraffic {
  // Keyed by the origin-id we gave each message; the room echoes it in the reflection (and the id in errors).
  const outgoing = new Map<string, { readonly localId: string; readonly room: string }>();
  const dedupe = createDedupe();
  const refuse = (reason: string, from: string | null) => log({ feature: 'rooms', reason, from });

  /**
   * Records a room message's keys; answers whether it was seen already. The room's archive id is the room's
   * own numbering (scoped to the room); origin-ids and stanza ids are chosen by the sender, so they are
   * scoped to the sender's occupant JID: nobody can hide another occupant's message by reusing its ids.
   */
  function remember(room: string, nick: string, originId: string | null, archiveId: string | null, stanzaId: string | null, body: string): boolean {
    const byRoom = archiveId === null ? false : dedupe.remember(room, { originId: null, archiveId, stanzaId: null, body });
    const bySender = dedupe.remember(`${room}/${nick}`, { originId, archiveId: null, stanzaId, body });
    return byRoom || bySender;
  }

  function accept(stanza: Element, state: RoomState): void {
    const sorted = classifyRoomMessage(stanza, state.room);
    switch (sorted.kind) {
      case 'ignored':
        refuse(sorted.reason, attr(stanza, 'from'));
        return;
      case 'error': {
        const id = sorted.message.id;
        const record = id === null ? undefined : outgoing.get(id);
        if (id === null || record === undefined || record.room !== state.room) {
          refuse('error reply for no message of ours', sorted.message.from.full);
          return;
        }
        outgoing.delete(id);
        const error = describeStanzaError(sorted.message.error ?? { condition: 'undefined-condition', text: null });
        emit('updated', { room: state.room, id: record.localId, state: 'failed', archiveId: null, error });
        return;
      }
      case 'subject':
        state.subject = sorted.subject;
        emit('subject', { room: state.room, subject: sorted.subject, by: sorted.by });
        return;
      case 'private':
        emit('privateMessage', {
          id: ids(),
          accountId,
          room: state.room,
          nick: sorted.nick,
          direction: 'in',
          body: sorted.message.body,
          at: displayTime(sorted.message.delay, now()),
        });
        return;
      case 'groupchat': {
        const { nick, message } = sorted;
        const archiveId = message.ourStanzaId;
        // Our own message comes back from the room: known by the origin-id we gave it, and from our nickname
        // (another occupant copying our origin-id does not make their message ours).
        const ours = message.originId === null ? undefined : outgoing.get(message.originId);
        if (ours !== undefined && ours.room === state.room && nick === state.nick && message.originId !== null) {
          outgoing.delete(message.originId);
          remember(state.room, nick, message.originId, archiveId, message.id, message.body);
          emit('updated', { room: state.room, id: ours.localId, state: 'delivered', archiveId, error: null });
          return;
        }
        if (remember(state.room, nick, message.originId, archiveId, message.id, message.body)) return;
        emit('message', {
          id: ids(),
          accountId,
          room: state.room,
          nick,
          direction: 'in',
          body: message.body,
          at: displayTime(message.delay, now()),
          state: 'received',
          stanzaId: message.id,
          originId: message.originId,
          archiveId,
          mentionsMe: referencesOccupant(stanza, state.room, state.nick),
        });
      }
    }
  }

  return {
    track: (id, room) => setBounded(outgoing, id, { localId: id, room }, MAX_TRACKED_OUTGOING),
    accept,
  };
}
