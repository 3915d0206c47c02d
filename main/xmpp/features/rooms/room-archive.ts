/**
 * A room's own archive (XEP-0313 urn:xmpp:mam:2 queried at the room's bare JID, XEP-0045 rooms with MAM),
 * one page at a time with RSM (XEP-0059): the newest page (`<before/>`), or what follows an archive id
 * (`<after>`). This is how a room's history reaches us: joins ask for no legacy history (`maxstanzas='0'`).
 *
 * Security: anyone can send us a message shaped like an archive result. A result counts only when it carries
 * this query's id, comes from the room's bare JID itself, and its forwarded message is from an occupant of
 * that room (room/nick): nobody else can put words in a room's history. Never more results than asked for.
 */
import { xml, type Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import type { RoomMessage } from '../../../../app/domain/rooms.js';
import { readFin, requirePageSize } from '../archive-result.js';
import { delayStamp, displayTime } from '../delay.js';
import { guarded, type FeatureDeps } from '../feature-deps.js';
import { NS } from '../namespaces.js';
import { forwardedMessage } from '../parse-message.js';
import { attr, isStanza } from '../stanza-read.js';
import { classifyRoomMessage } from './room-message.js';

export interface RoomArchiveQuery {
  /** The room's bare JID (checked by the caller: a room we are in). */
  readonly room: string;
  /** The newest page, or the page after this archive id. */
  readonly position: { readonly newest: true } | { readonly after: string };
  readonly max: number;
}

export interface RoomArchivePage {
  /** The room's messages to everyone, oldest first, as received messages (the store recognises ours). */
  readonly messages: readonly RoomMessage[];
  /** Nothing further in the direction of the query (`<fin complete>`). */
  readonly complete: boolean;
  /** RSM `<last>` (else the last accepted result's id): where the next page after this one starts. */
  readonly last: string | null;
}

export interface RoomArchive {
  /** Rejects with StanzaError when the room refuses (no archive, or it no longer knows `after`: item-not-found). */
  page(query: RoomArchiveQuery): Promise<RoomArchivePage>;
}

export function createRoomArchive({ link, accountId, now, ids, log }: Pick<FeatureDeps, 'link' | 'accountId' | 'now' | 'ids' | 'log'>): RoomArchive {
  return {
    async page({ room, position, max }) {
      requirePageSize(max);
      const queryId = ids();
      const messages: RoomMessage[] = [];
      const resultIds: string[] = [];
      let results = 0;
      const stopListening = link.onStanza(
        guarded('rooms', log, (stanza) => {
          if (!isStanza(stanza, 'message')) return;
          const result = stanza.getChild('result', NS.mam);
          if (result === undefined || attr(result, 'queryid') !== queryId) return; // not this query's
          const fromText = attr(stanza, 'from');
          const refuse = (reason: string): void => log({ feature: 'rooms', reason, from: fromText });
          const from = jidOrNull(fromText);
          if (from === null || from.resource !== null || from.bare !== room) return refuse('room archive result not from the room');
          results += 1;
          if (results > max) return refuse('more room archive results than asked for');
          const archiveId = attr(result, 'id');
          if (archiveId === null) return refuse('room archive result without an id');
          resultIds.push(archiveId);
          const forwarded = forwardedMessage(result);
          if (forwarded === null) return refuse('room archive result without exactly one forwarded message');
          const sorted = classifyRoomMessage(forwarded.message, room);
          // Subjects and notices are archived too; the history shows what occupants said.
          if (sorted.kind === 'subject') return;
          if (sorted.kind !== 'groupchat') return refuse(`archived room message: ${sorted.kind === 'ignored' ? sorted.reason : sorted.kind}`);
          const { nick, message } = sorted;
          messages.push({
            id: ids(),
            accountId,
            room,
            nick,
            direction: 'in',
            body: message.body,
            at: displayTime(delayStamp(forwarded.forwarded) ?? message.delay, now()),
            state: 'received',
            stanzaId: message.id,
            originId: message.originId,
            archiveId,
          });
        }),
      );
      try {
        const fin = readFin(await link.request(roomArchiveQuery(room, queryId, position, max)));
        return { messages, complete: fin.complete, last: fin.last ?? resultIds.at(-1) ?? null };
      } finally {
        stopListening();
      }
    },
  };
}

function roomArchiveQuery(room: string, queryId: string, position: RoomArchiveQuery['position'], max: number): Element {
  // An empty <before/> asks for the newest page (XEP-0059 §2.5).
  const where = 'after' in position ? xml('after', {}, position.after) : xml('before');
  return xml(
    'iq',
    { type: 'set', to: room },
    xml(
      'query',
      { xmlns: NS.mam, queryid: queryId },
      xml('x', { xmlns: NS.dataForms, type: 'submit' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam))),
      xml('set', { xmlns: NS.rsm }, xml('max', {}, String(max)), where),
    ),
  );
}
