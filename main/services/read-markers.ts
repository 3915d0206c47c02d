/**
 * One account's read markers (issue 14, XEP-0333), across sessions.
 *
 * Received: a contact's displayed marker moves "the contact has read up to" our message it names, stored per
 * conversation (read-positions.ts) and told to the window. A marker naming no message we sent to that
 * contact (an unknown id, a message to someone else, one of their own) changes nothing. Our own other
 * device's marker (a sent carbon) means we read their messages there: the unread count here drops to what
 * came after the marked message.
 *
 * Sent: when the window has shown the conversation to the person (focused and visible: the window decides
 * when it showed something, main decides whether to tell anyone), one marker for the newest message of
 * theirs that asked for markers, never one per message, and none when the setting is off or the contact does
 * not share presence with us (the same rule as delivery receipts: a stranger learns nothing of our reading).
 */
import type { AccountId } from '../../app/domain/account.js';
import type { ChatMessage } from '../../app/domain/chat.js';
import type { ChatMarkers, DisplayedMarker } from '../xmpp/features/chat-markers.js';
import { namedIdOf } from '../xmpp/features/dedupe.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import type { MessageDb } from '../store/messages/message-db.js';
import type { EmitEvent } from './event-sink.js';

export interface AccountReadMarkersDeps {
  readonly accountId: AccountId;
  readonly db: Pick<MessageDb, 'contactReadUpTo' | 'readElsewhereUpTo' | 'readPosition'>;
  readonly emit: EmitEvent;
  /** The person's setting (read-marker-settings.ts), asked each time: a change applies at once. */
  readonly sendEnabled: () => Promise<boolean>;
  readonly log: FeatureLog;
}

/** What an online session offers: its markers, and whether a contact may learn we read (the roster). */
export interface ReadMarkerSession {
  readonly markers: Pick<ChatMarkers, 'on' | 'sendDisplayed'>;
  readonly sharesPresenceWith: (peer: string) => boolean;
}

export interface AccountReadMarkers {
  /** A new incoming message (live, carbon or archive catch-up): the newest that asked for markers is remembered. */
  noteIncoming(message: ChatMessage): void;
  /** A session is online: listen to its markers; answers how to stop. */
  attach(session: ReadMarkerSession): () => void;
  /** The window showed the conversation to the person: tell the contact, if allowed. */
  displayed(peer: string): Promise<void>;
}

interface Markable {
  /** The id the contact's message was sent with: what our marker names. */
  readonly id: string;
  readonly at: string;
}

/** The id a marker for `message` names: its stanza id as sent (XEP-0333 §4), else its origin-id. */
const markIdOf = (message: ChatMessage): string | null => message.stanzaId ?? message.originId;

export function createAccountReadMarkers(deps: AccountReadMarkersDeps): AccountReadMarkers {
  const { accountId, db, emit, log } = deps;
  /** Per contact: their newest message that asked for markers and that we have not marked yet. */
  const waiting = new Map<string, Markable>();
  let session: ReadMarkerSession | null = null;

  function onDisplayed(marker: DisplayedMarker): void {
    if (marker.reader === 'contact') {
      const id = db.contactReadUpTo(accountId, marker.peer, namedIdOf(marker.peer, marker.id));
      if (id === null) return log({ feature: 'chat-markers', reason: 'marker for no later message of ours to this contact', from: marker.peer });
      emit('readMarkerChanged', { accountId, peer: marker.peer, reader: 'contact', id });
      return;
    }
    if (waiting.get(marker.peer)?.id === marker.id) waiting.delete(marker.peer);
    const unread = db.readElsewhereUpTo(accountId, marker.peer, namedIdOf(marker.peer, marker.id));
    if (unread === null) return log({ feature: 'chat-markers', reason: 'our other device marked a message not stored here', from: marker.peer });
    emit('readMarkerChanged', { accountId, peer: marker.peer, reader: 'us', unread });
  }

  return {
    noteIncoming(message) {
      if (message.direction !== 'in' || message.markable !== true) return;
      const id = markIdOf(message);
      const known = waiting.get(message.peer);
      // Catch-up can bring an older message after a newer live one: the marker names the newest.
      if (id !== null && (known === undefined || message.at >= known.at)) waiting.set(message.peer, { id, at: message.at });
    },
    attach(next) {
      session = next;
      const off = next.markers.on('displayed', onDisplayed);
      return () => {
        off();
        if (session === next) session = null;
      };
    },
    async displayed(peer) {
      const newest = waiting.get(peer);
      const current = session;
      if (newest === undefined || current === null) return;
      const allowed = (await deps.sendEnabled()) && current.sharesPresenceWith(peer);
      // Marked now, sent or not (shown while the setting was off is not told later when it comes back on); a
      // newer message that arrived meanwhile still waits for its turn.
      if (waiting.get(peer) === newest) waiting.delete(peer);
      if (allowed) await current.markers.sendDisplayed(peer, newest.id);
    },
  };
}
