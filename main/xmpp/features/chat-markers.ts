/**
 * XEP-0333 chat markers, the "displayed" marker only (issue 14: read markers): reading the markers the
 * contact sends (live, or as a carbon when they reached another of our devices), reading the markers our own
 * other devices sent (a sent carbon: we read those messages elsewhere), and sending ours.
 *
 * Only `<displayed/>` is read: `received` duplicates XEP-0184 receipts (messages.ts) and `acknowledged` is
 * rarely sent. This module only says who marked which id; whether that id names a message of the
 * conversation (and of the right direction) is for the service that holds the history (read-markers.ts).
 */
import { xml, type Element } from '@xmpp/xml';
import { requireBareJid } from '../../../app/domain/address/jid.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { createEmitter, type Events } from './emitter.js';
import { guarded, listenerFailure, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { NS } from './namespaces.js';
import { isWrapper } from './parse-message.js';
import { attr, isStanza } from './stanza-read.js';
import type { CarbonDirection } from './messages.js';

/** Longer ids than this name no message we could have sent or stored (ours are short); they are refused. */
export const MAX_MARKER_ID_LENGTH = 256;

export interface DisplayedMarker {
  /** The other party's bare JID: the one who read (contact), or whose messages we read elsewhere (us). */
  readonly peer: string;
  /** The id the marker names: the marked message's stanza id or origin-id. */
  readonly id: string;
  /** 'contact': the contact read up to our message `id`; 'us': another of our devices read up to theirs. */
  readonly reader: 'contact' | 'us';
}

export interface ChatMarkerEvents {
  displayed: DisplayedMarker;
}

export interface ChatMarkers extends Events<ChatMarkerEvents> {
  /** Tells `peer` we have read up to their message `id` (which asked for markers). */
  sendDisplayed(peer: string, id: string): Promise<void>;
  /** The message inside a carbon whose wrapper carbons.ts has already checked. */
  acceptCarbon(inner: Element, direction: CarbonDirection): void;
  dispose(): void;
}

/** The id of the single `<displayed/>` marker in a message, or null (none, several, no id, an absurd id). */
export function displayedId(message: Element): string | null {
  const markers = message.getChildren('displayed', NS.chatMarkers);
  if (markers.length !== 1 || markers[0] === undefined) return null;
  const id = attr(markers[0], 'id');
  return id === null || id.length === 0 || id.length > MAX_MARKER_ID_LENGTH ? null : id;
}

/**
 * Our displayed marker: a chat message with nothing but the marker (and a store hint, so the archive keeps
 * it for the contact's other devices, XEP-0333 §5: markers are archived like messages).
 */
export function displayedStanza(peer: string, markedId: string, stanzaId: string): Element {
  return xml(
    'message',
    { to: requireBareJid(peer), type: 'chat', id: stanzaId },
    xml('displayed', { xmlns: NS.chatMarkers, id: markedId }),
    xml('store', { xmlns: NS.hints }),
  );
}

type Context = 'live' | CarbonDirection;

export function createChatMarkers(deps: FeatureDeps): ChatMarkers {
  const { link, ids, log } = deps;
  const own = ownJidOf(link);
  const emitter = createEmitter<ChatMarkerEvents>(listenerFailure('chat-markers', log));

  function accept(stanza: Element, context: Context): void {
    const id = displayedId(stanza);
    if (id === null) return;
    const type = attr(stanza, 'type');
    // Markers in rooms (XEP-0045) are about room messages: not a contact's reading.
    if (type === 'groupchat' || type === 'error' || stanza.getChild('x', NS.mucUser) !== undefined) return;
    const from = jidOrNull(attr(stanza, 'from'));
    const to = jidOrNull(attr(stanza, 'to'));
    if (context === 'sent') {
      // Our other device told the contact it read their messages.
      if (to === null || to.bare === own.bare) return log({ feature: 'chat-markers', reason: 'sent marker without a contact', from: attr(stanza, 'from') });
      emitter.emit('displayed', { peer: to.bare, id, reader: 'us' });
      return;
    }
    if (from === null || from.bare === own.bare) return log({ feature: 'chat-markers', reason: 'marker without a contact as sender', from: attr(stanza, 'from') });
    emitter.emit('displayed', { peer: from.bare, id, reader: 'contact' });
  }

  const stopListening = link.onStanza(
    guarded('chat-markers', log, (stanza) => {
      if (!isStanza(stanza, 'message') || isWrapper(stanza)) return;
      accept(stanza, 'live');
    }),
  );

  return {
    on: emitter.on,
    async sendDisplayed(peer, id) {
      await link.send(displayedStanza(peer, id, ids()));
    },
    acceptCarbon: (inner, direction) => {
      try {
        accept(inner, direction);
      } catch (error) {
        log({ feature: 'chat-markers', reason: `internal error: ${error instanceof Error ? error.message : String(error)}`, from: inner.attrs.from ?? null });
      }
    },
    dispose() {
      stopListening();
      emitter.clear();
    },
  };
}
