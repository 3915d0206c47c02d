/** The message-change parts of one parsed `<message>` (read-changes.ts), read once in parse-message.ts. */
import type { Element } from '@xmpp/xml';
import type { ReplyTarget } from '../../../../app/domain/message-changes.js';
import { readChange, readReply, stripFallback, understoodFallbacks, type ChangePart } from './read-changes.js';

export interface MessageChangeParts {
  readonly change: ChangePart | null;
  readonly replyTo: ReplyTarget | null;
  /** The body without the fallback text of the features understood; null when nothing is left. */
  readonly body: string | null;
}

export function readMessageChanges(stanza: Element, body: string | null): MessageChangeParts {
  const change = readChange(stanza, body);
  const replyTo = readReply(stanza);
  const stripped = body === null ? null : stripFallback(stanza, body, understoodFallbacks(change, replyTo));
  return { change, replyTo, body: stripped === null || stripped.length === 0 ? null : stripped };
}
