import type { ReplyTarget } from '../../../app/domain/message-changes.js';
import { useMessageActions } from './message-actions.js';
import { UNDECRYPTABLE_PREVIEW } from './encryption-text.js'; // issue 15: OMEMO

const QUOTE_LENGTH = 80;

/**
 * The start of the message a reply answers (XEP-0461), above the reply; a click jumps to it. A reply naming a
 * message that is not loaded (or not known at all) shows no quote: nothing about it can be trusted.
 */
export function ReplyQuote({ replyTo }: { readonly replyTo: ReplyTarget }) {
  const actions = useMessageActions();
  const original = actions?.findByRef(replyTo.id);
  if (!actions || !original) return null;
  const author = original.direction === 'out' ? 'You' : actions.nameOf(original.peer);
  // issue 15: an original that could not be decrypted has an empty body: the quote says so instead.
  const text = original.changes?.retracted ? 'This message was removed.' : original.encryption?.kind === 'undecryptable' ? UNDECRYPTABLE_PREVIEW : original.body;
  return (
    <button type="button" className="reply-quote" data-testid="reply-quote" onClick={() => actions.jumpTo(original.id)} title="Show the message this answers">
      <span className="reply-quote__author">
        <bdi>{author}</bdi>
      </span>
      <span className="reply-quote__text">{text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text}</span>
    </button>
  );
}
