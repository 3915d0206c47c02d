/**
 * Reads what a `<message>` changes or answers: a correction (XEP-0308), a retraction (XEP-0424), reactions
 * (XEP-0444), a reply (XEP-0461), and the fallback text (XEP-0428) to leave out for the features understood.
 * Pure and never throws: anything malformed reads as "no change", so the message is treated as plain text.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { MAX_REACTION_LENGTH, MAX_REACTIONS_PER_PERSON, type ReplyTarget } from '../../../../app/domain/message-changes.js';
import { NS } from '../namespaces.js';
import { attr, singleChild } from '../stanza-read.js';

/** A referenced message id longer than this is no id any client makes. */
const MAX_REF_LENGTH = 256;

export type ChangePart =
  | { readonly kind: 'correction'; readonly ref: string; readonly body: string }
  | { readonly kind: 'retraction'; readonly ref: string }
  | { readonly kind: 'reactions'; readonly ref: string; readonly emojis: readonly string[] };

function refOf(element: Element | null): string | null {
  if (element === null) return null;
  const id = attr(element, 'id');
  return id !== null && id.length <= MAX_REF_LENGTH ? id : null;
}

/**
 * The change the message makes, if any. A retraction wins over everything else (the sender wants it gone);
 * a correction needs a body (the new text, §3). Several elements of one kind are ambiguous: none is used.
 */
export function readChange(stanza: Element, body: string | null): ChangePart | null {
  const retract = refOf(singleChild(stanza, 'retract', NS.retract));
  if (retract !== null) return { kind: 'retraction', ref: retract };
  const reactionsElement = singleChild(stanza, 'reactions', NS.reactions);
  const reactions = refOf(reactionsElement);
  if (reactionsElement !== null && reactions !== null) return { kind: 'reactions', ref: reactions, emojis: readEmojis(reactionsElement) };
  const replace = refOf(singleChild(stanza, 'replace', NS.correct));
  if (replace !== null && body !== null) return { kind: 'correction', ref: replace, body };
  return null;
}

/** Each distinct, non-empty, short reaction, at most MAX_REACTIONS_PER_PERSON of them; the rest are ignored. */
function readEmojis(reactions: Element): string[] {
  const found = new Set<string>();
  for (const reaction of reactions.getChildren('reaction', NS.reactions)) {
    const text = reaction.getText().trim();
    if (text.length > 0 && text.length <= MAX_REACTION_LENGTH) found.add(text);
    if (found.size >= MAX_REACTIONS_PER_PERSON) break;
  }
  return [...found];
}

/** The message this one answers; the author is kept only when `to` is a valid address. */
export function readReply(stanza: Element): ReplyTarget | null {
  const reply = singleChild(stanza, 'reply', NS.reply);
  const id = refOf(reply);
  if (reply === null || id === null) return null;
  return { id, to: jidOrNull(attr(reply, 'to'))?.bare ?? null, fallback: null };
}

/**
 * The body without the fallback text (XEP-0428) of the features in `understood`. Ranges count Unicode code
 * points (XEP-0426); a `<fallback for>` without a `<body/>` range means the whole body is fallback. A range
 * that does not fit the body is ignored (the text is kept rather than cut wrongly).
 */
export function stripFallback(stanza: Element, body: string, understood: ReadonlySet<string>): string {
  const points = [...body];
  const drop = new Array<boolean>(points.length).fill(false);
  for (const fallback of stanza.getChildren('fallback', NS.fallback)) {
    const feature = attr(fallback, 'for');
    if (feature === null || !understood.has(feature)) continue;
    const ranges = fallback.getChildren('body', NS.fallback);
    if (ranges.length === 0) return '';
    for (const range of ranges) {
      const start = Number(attr(range, 'start') ?? '0');
      const end = Number(attr(range, 'end') ?? String(points.length));
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > points.length || start > end) continue;
      drop.fill(true, start, end);
    }
  }
  return points.filter((_, index) => !drop[index]).join('');
}

/** The features whose fallback text this message's body may leave out: those it actually uses. */
export function understoodFallbacks(change: ChangePart | null, reply: ReplyTarget | null): Set<string> {
  const understood = new Set<string>();
  if (reply !== null) understood.add(NS.reply);
  if (change?.kind === 'retraction') understood.add(NS.retract);
  if (change?.kind === 'reactions') understood.add(NS.reactions);
  return understood;
}
