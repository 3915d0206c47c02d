/**
 * One conversation's history from the server archive (XEP-0313 MAM, urn:xmpp:mam:2), newest page first,
 * then page by page backwards with RSM (XEP-0059) `<before>`.
 *
 * Security: result messages are accepted only for our own query id and only from our own bare JID (or
 * with no `from`, which means our own account, RFC 6120 §8.1.2.1). Anyone can send us a message shaped
 * like an archive result; without the check they could insert history into any conversation.
 */
import { xml } from '@xmpp/xml';
import type { ChatMessage, HistoryPage } from '../../../app/domain/chat.js';
import type { MessageDedupe } from './dedupe.js';
import { delayStamp, displayTime } from './delay.js';
import { guarded, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { jidOrNull, requireBareJid } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { forwardedMessage, parseMessage } from './parse-message.js';
import { attr, isStanza } from './stanza-read.js';

export interface ArchiveQuery {
  /** The other party's bare JID. */
  readonly peer: string;
  /** The archive id of the oldest message already shown (RSM `<before>`); null for the newest page. */
  readonly before: string | null;
  /** Page size (RSM `<max>`). */
  readonly max: number;
  /**
   * 'omit' (the default) leaves out messages that already arrived live or that we sent. 'include' returns
   * them too, for a caller that keeps its own messages and maps each archived copy back to the one it holds
   * (a window opened after the message arrived live must still show it).
   */
  readonly seen?: 'omit' | 'include';
}

export interface ArchivePage extends HistoryPage {
  /**
   * The archive id of the oldest message in this page as the server counts it (RSM `<first>`): pass it as
   * `before` for the next older page. It is there even when that message was left out as a duplicate of
   * one that arrived live, or was not a chat message. Null for an empty page.
   */
  readonly first: string | null;
}

export interface ArchiveDeps extends FeatureDeps {
  /** The live messages' record (messages.ts), to leave out what the user has already seen. */
  readonly dedupe: Pick<MessageDedupe, 'has'>;
}

export interface Archive {
  loadPage(query: ArchiveQuery): Promise<ArchivePage>;
}

/** The most we ask for at once; the contract allows 200. */
const MAX_PAGE_SIZE = 500;

export function createArchive({ link, accountId, now, ids, log, dedupe }: ArchiveDeps): Archive {
  const own = ownJidOf(link);

  async function loadPage({ peer: peerInput, before, max, seen = 'omit' }: ArchiveQuery): Promise<ArchivePage> {
    const peer = requireBareJid(peerInput);
    if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE_SIZE) throw new RangeError(`A history page holds 1 to ${MAX_PAGE_SIZE} messages.`);
    const queryId = ids();
    const collected: ChatMessage[] = [];
    let results = 0;

    const stopListening = link.onStanza(
      guarded('archive', log, (stanza) => {
        if (!isStanza(stanza, 'message')) return;
        const result = stanza.getChild('result', NS.mam);
        if (result === undefined || attr(result, 'queryid') !== queryId) return; // not this query's
        const fromText = attr(stanza, 'from');
        const ignore = (reason: string): void => log({ feature: 'archive', reason, from: fromText });
        if (fromText !== null) {
          const from = jidOrNull(fromText);
          if (from === null || from.resource !== null || from.bare !== own.bare) return ignore('archive result not from our own account');
        }
        // The server decides nothing beyond what we asked: never more results than the page size.
        results += 1;
        if (results > max) return ignore('more archive results than asked for');

        const archiveId = attr(result, 'id');
        if (archiveId === null) return ignore('archive result without an id');
        const forwarded = forwardedMessage(result);
        if (forwarded === null) return ignore('archive result without exactly one forwarded message');
        const parsed = parseMessage(forwarded.message, own.bare);
        if (!parsed.ok) return ignore(`archived message: ${parsed.reason}`);
        const message = parsed.message;
        // Receipts, chat states, errors and groupchat are archived by some servers; history shows conversation text.
        if (message.body === null || message.type === 'error' || message.type === 'groupchat' || message.type === 'headline') return;

        const outbound = message.from.bare === own.bare;
        const other = outbound ? message.to : message.from;
        if (other === null || other.bare !== peer) return ignore('archived message from another conversation');
        collected.push({
          id: ids(),
          accountId,
          peer,
          direction: outbound ? 'out' : 'in',
          body: message.body,
          at: displayTime(delayStamp(forwarded.forwarded) ?? message.delay, now()),
          state: outbound ? 'sent' : 'received',
          stanzaId: message.id,
          originId: message.originId,
          archiveId,
          carbon: false,
          error: null,
        });
      }),
    );

    let complete: boolean;
    let first: string | null;
    try {
      const answer = await link.request(
        xml(
          'iq',
          { type: 'set' },
          xml(
            'query',
            { xmlns: NS.mam, queryid: queryId },
            xml(
              'x',
              { xmlns: NS.dataForms, type: 'submit' },
              xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam)),
              xml('field', { var: 'with' }, xml('value', {}, peer)),
            ),
            // An empty <before/> asks for the last (newest) page (XEP-0059 §2.5).
            xml('set', { xmlns: NS.rsm }, xml('max', {}, String(max)), xml('before', {}, before ?? '')),
          ),
        ),
      );
      const fin = answer.getChild('fin', NS.mam);
      if (fin === undefined) throw new Error('The server archive answered without saying where the page ends.');
      const completeText = attr(fin, 'complete');
      complete = completeText === 'true' || completeText === '1';
      const rsmFirst = fin.getChild('set', NS.rsm)?.getChild('first', NS.rsm)?.getText() ?? '';
      first = rsmFirst.length > 0 ? rsmFirst : (collected[0]?.archiveId ?? null);
    } finally {
      stopListening();
    }

    const messages =
      seen === 'include'
        ? collected
        : collected.filter(
            (message) => !dedupe.has(peer, { originId: message.originId, archiveId: message.archiveId, stanzaId: message.stanzaId, body: message.body }),
          );
    return { messages, complete, first };
  }

  return { loadPage };
}
