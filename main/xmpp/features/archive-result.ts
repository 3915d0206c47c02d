/**
 * One query to our own server archive (XEP-0313 MAM, urn:xmpp:mam:2) with RSM paging (XEP-0059): sends it,
 * collects its result messages until the server's `<fin/>`, and reads where the page starts and ends. Both
 * the per-conversation history (archive.ts) and the account-wide catch-up (archive-catch-up.ts) go through
 * here, so the checks below hold for every archive query.
 *
 * Security: result messages are accepted only for this query's id and only from our own bare JID (or with
 * no `from`, which means our own account, RFC 6120 §8.1.2.1). Anyone can send us a message shaped like an
 * archive result; without the check they could insert history into any conversation. The server decides
 * nothing beyond what we asked: never more results than the page size are read.
 *
 * issue 15: OMEMO. An encrypted result is opened with the injected OpenEncrypted (in the order the results came)
 * and read with its decrypted text; one that cannot be opened is kept as unreadable, with an empty body, never
 * its fallback text. The page is answered once every result is read.
 */
import { fileLink } from './oob.js';
import { xml, type Element } from '@xmpp/xml';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage, MessageEncryption } from '../../../app/domain/chat.js';
import { delayStamp, displayTime } from './delay.js';
import { guarded, type FeatureLog } from './feature-deps.js';
import { jidOrNull, type Jid } from '../../../app/domain/address/jid.js';
import type { XmppLink } from '../link.js';
import { NS } from './namespaces.js';
import { forwardedMessage, parseMessage, type ParsedMessage } from './parse-message.js';
import { encryptionOf, openOrExplain, type OpenEncrypted } from './encrypted-part.js';
import { readInvitationStanza } from './rooms/invitation.js';
import { attr, isStanza, singleChild } from './stanza-read.js';
import type { ChangePart } from './message-changes/read-changes.js';
import type { IncomingChange } from './message-changes/incoming-change.js';
import type { ReplyTarget } from '../../../app/domain/message-changes.js';

/** The most we ask for at once; the contract allows 200. */
export const MAX_PAGE_SIZE = 500;

/** One archived chat message, read and checked, not yet given a local id. */
export interface ArchivedChat {
  readonly archiveId: string;
  /** The other party's bare JID. */
  readonly peer: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  /** ISO time: the archive's delay stamp, else the message's own, else when we read it. */
  readonly at: string;
  readonly stanzaId: string | null;
  readonly originId: string | null;
  /** issue 14: read markers. The sender asked for XEP-0333 read markers. */
  readonly markable?: boolean;
  /** issue 14: files. The shared file's link (oob.ts fileLink), when the message is one. */
  readonly oobUrl?: string | null;
  // issue 14: message changes. A change is applied to its message (never listed); a reply names its original.
  readonly change: ChangePart | null;
  readonly replyTo: ReplyTarget | null;
  /** issue 15: OMEMO. How it travelled; absent for plaintext. */
  readonly encryption?: MessageEncryption;
}

/** Where a page goes in the archive (RSM): the newest page, older than an id, or newer than an id. */
export type PagePosition = { readonly newest: true } | { readonly before: string } | { readonly after: string };

export interface ArchiveRequest {
  readonly queryId: string;
  /** Only one conversation (the `with` field), or null for all of them. */
  readonly peer: string | null;
  readonly position: PagePosition;
  readonly max: number;
}

export interface ArchiveAnswer {
  /** The page's chat messages in the order the server sent them (oldest first, XEP-0313 §4.1.1). */
  readonly chats: readonly ArchivedChat[];
  /** The server's `<fin complete>`: nothing further in the direction of the query. */
  readonly complete: boolean;
  /** RSM `<first>` and `<last>`, else the first and last archive id among the accepted results; null for an empty page. */
  readonly first: string | null;
  readonly last: string | null;
}

export interface ArchiveQueryDeps {
  readonly link: XmppLink;
  readonly own: Jid;
  readonly now: () => Date;
  readonly log: FeatureLog;
  /** issue 15: OMEMO. Decrypts encrypted results; absent: they are kept as not readable ('not-set-up'). */
  readonly openEncrypted?: OpenEncrypted;
}

export function requirePageSize(max: number): void {
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE_SIZE) throw new RangeError(`A history page holds 1 to ${MAX_PAGE_SIZE} messages.`);
}

/** Sends the query and resolves with its page. Rejects with StanzaError when the server refuses it. */
export async function queryArchive({ link, own, now, log, openEncrypted }: ArchiveQueryDeps, request: ArchiveRequest): Promise<ArchiveAnswer> {
  requirePageSize(request.max);
  // In the order the results came; an encrypted one is read once it is opened (started as it came).
  const chats: Array<ArchivedChat | Promise<ArchivedChat | null>> = [];
  // Archive ids of every accepted result, chat text or not: the page's bounds if the server names none.
  const resultIds: string[] = [];
  let results = 0;

  const stopListening = link.onStanza(
    guarded('archive', log, (stanza) => {
      if (!isStanza(stanza, 'message')) return;
      const result = stanza.getChild('result', NS.mam);
      if (result === undefined || attr(result, 'queryid') !== request.queryId) return; // not this query's
      const fromText = attr(stanza, 'from');
      const ignore = (reason: string): void => log({ feature: 'archive', reason, from: fromText });
      if (fromText !== null) {
        const from = jidOrNull(fromText);
        if (from === null || from.resource !== null || from.bare !== own.bare) return ignore('archive result not from our own account');
      }
      results += 1;
      if (results > request.max) return ignore('more archive results than asked for');

      const archiveId = attr(result, 'id');
      if (archiveId === null) return ignore('archive result without an id');
      resultIds.push(archiveId);
      const forwarded = forwardedMessage(result);
      if (forwarded === null) return ignore('archive result without exactly one forwarded message');
      const parsed = parseMessage(forwarded.message, own.bare);
      if (!parsed.ok) return ignore(`archived message: ${parsed.reason}`);
      const read = (message: ParsedMessage, encryption?: MessageEncryption) => archivedChat(own, now, archiveId, forwarded, message, encryption, ignore);
      const message = parsed.message;
      const part = message.encrypted;
      if (part.kind === 'none' || (message.type !== 'chat' && message.type !== 'normal')) {
        const chat = read(message);
        if (chat !== null) chats.push(chat);
      } else if (part.kind === 'refused') {
        ignore(`archived encrypted message refused: ${part.problem.kind} at ${part.problem.where}`);
        const chat = read(message, { kind: 'undecryptable', reason: 'malformed', device: null });
        if (chat !== null) chats.push(chat);
      } else if (part.message.payload !== undefined) {
        // A key-transport message (no payload) has nothing to show, and its session was set up when it came live.
        const sealed = part.message;
        chats.push(
          openOrExplain(openEncrypted ?? null, message.from, sealed).then((opened) => {
            const encryption = encryptionOf(sealed.sid, opened);
            if (!opened.ok) return read(message, encryption);
            const again = parseMessage(forwarded.message, own.bare, { opened: opened.body });
            return again.ok ? read(again.message, encryption) : null;
          }),
        );
      }
    }),
  );

  try {
    const fin = await link.request(queryElement(request)).then(readFin);
    const read = (await Promise.all(chats)).filter((chat): chat is ArchivedChat => chat !== null);
    return { chats: read, complete: fin.complete, first: fin.first ?? resultIds[0] ?? null, last: fin.last ?? resultIds.at(-1) ?? null };
  } finally {
    stopListening();
  }
}

/** One accepted result's chat, or null when it is no conversation text (and why, told to `ignore` when odd). */
function archivedChat(
  own: Jid,
  now: () => Date,
  archiveId: string,
  forwarded: { readonly forwarded: Element; readonly message: Element },
  message: ParsedMessage,
  encryption: MessageEncryption | undefined,
  ignore: (reason: string) => void,
): ArchivedChat | null {
  // Receipts, chat states, errors and groupchat are archived by some servers; history shows conversation text.
  // issue 14: message changes: the text without understood fallback; a change may have none (reactions).
  const { change, replyTo, body: shownBody } = message.changes;
  const body = change?.kind === 'correction' ? change.body : shownBody;
  // issue 15: OMEMO. An unreadable message is kept, as one: the person knows it was there.
  const unreadable = encryption?.kind === 'undecryptable';
  if ((body === null && change === null && !unreadable) || message.type === 'error' || message.type === 'groupchat' || message.type === 'headline') return null;
  // A room invitation or decline (its body only repeats it for older clients) is a request, not chat text.
  if (readInvitationStanza(forwarded.message).kind !== 'none') return null;

  const outbound = message.from.bare === own.bare;
  // issue 15: OMEMO. Our own encrypted correction as the archive kept it: not encrypted for the device that sent it
  // (nor any of ours the sender did not know), so it cannot be read here; where it was sent it was applied then, and
  // elsewhere it would only add a line saying that something unreadable replaced a message.
  if (outbound && encryption?.kind === 'undecryptable' && encryption.reason === 'not-for-this-device' && singleChild(forwarded.message, 'replace', NS.correct) !== null) {
    ignore('our encrypted correction, not encrypted for this device');
    return null;
  }
  const other = outbound ? message.to : message.from;
  if (other === null) {
    ignore('archived message without the other party');
    return null;
  }
  return {
    archiveId,
    peer: other.bare,
    direction: outbound ? 'out' : 'in',
    body: body ?? '',
    at: displayTime(delayStamp(forwarded.forwarded) ?? message.delay, now()),
    stanzaId: message.id,
    originId: message.originId,
    markable: message.markable, // issue 14: read markers
    ...(fileLink(message) === null ? {} : { oobUrl: fileLink(message) }), // issue 14: files
    change,
    replyTo,
    ...(encryption === undefined ? {} : { encryption }), // issue 15: OMEMO
  };
}

/** An archived chat as the app holds it: archived copies are settled, never pending or carbons. */
export function archivedMessage(chat: ArchivedChat, accountId: AccountId, id: string): ChatMessage {
  return {
    id,
    accountId,
    peer: chat.peer,
    direction: chat.direction,
    body: chat.body,
    at: chat.at,
    state: chat.direction === 'out' ? 'sent' : 'received',
    stanzaId: chat.stanzaId,
    originId: chat.originId,
    archiveId: chat.archiveId,
    carbon: false,
    error: null,
    ...(chat.markable === true ? { markable: true } : {}), // issue 14: read markers
    ...(chat.oobUrl ? { oobUrl: chat.oobUrl } : {}), // issue 14: files
    ...(chat.replyTo === null ? {} : { replyTo: chat.replyTo }),
    ...(chat.encryption === undefined ? {} : { encryption: chat.encryption }), // issue 15: OMEMO
  };
}

// issue 14: message changes
/** A page's chats split into the messages to list and the changes to apply to messages (never listed). */
export function splitArchived(chats: readonly ArchivedChat[], accountId: AccountId, ids: () => string): { messages: ChatMessage[]; changes: IncomingChange[] } {
  const messages: ChatMessage[] = [];
  const changes: IncomingChange[] = [];
  for (const chat of chats) {
    const message = archivedMessage(chat, accountId, ids());
    if (chat.change === null) messages.push(message);
    else changes.push({ change: chat.change, message });
  }
  return { messages, changes };
}

/** The split with `changes` only when there are some (a page of plain chat reads as before). */
export function withChanges(split: { messages: ChatMessage[]; changes: IncomingChange[] }): { messages: ChatMessage[]; changes?: IncomingChange[] } {
  return split.changes.length > 0 ? split : { messages: split.messages };
}

function queryElement({ queryId, peer, position, max }: ArchiveRequest): Element {
  const fields = [xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam))];
  if (peer !== null) fields.push(xml('field', { var: 'with' }, xml('value', {}, peer)));
  // An empty <before/> asks for the last (newest) page (XEP-0059 §2.5).
  const where = 'after' in position ? xml('after', {}, position.after) : xml('before', {}, 'before' in position ? position.before : '');
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'query',
      { xmlns: NS.mam, queryid: queryId },
      xml('x', { xmlns: NS.dataForms, type: 'submit' }, ...fields),
      xml('set', { xmlns: NS.rsm }, xml('max', {}, String(max)), where),
    ),
  );
}

export function readFin(answer: Element): { complete: boolean; first: string | null; last: string | null } {
  const fin = answer.getChild('fin', NS.mam);
  if (fin === undefined) throw new Error('The server archive answered without saying where the page ends.');
  const completeText = attr(fin, 'complete');
  const set = fin.getChild('set', NS.rsm);
  const text = (name: string): string | null => {
    const value = set?.getChild(name, NS.rsm)?.getText() ?? '';
    return value.length > 0 ? value : null;
  };
  return { complete: completeText === 'true' || completeText === '1', first: text('first'), last: text('last') };
}
