import { useState } from 'react';
import { useApi } from '../ApiContext.js';
import { splitLinks } from './linkify.js';

/** Bodies longer than this are folded: the full text is one click away. */
export const FOLD_AT = 4000;

/**
 * A message body as text only. Links become text-styled buttons that ask main to open them (main checks the
 * scheme again); nothing here is ever parsed as HTML. The body is bidi-isolated so an override inside it
 * cannot reorder the surrounding UI.
 */
export function MessageText({ body }: { readonly body: string }) {
  const api = useApi();
  const [expanded, setExpanded] = useState(false);
  const folded = !expanded && body.length > FOLD_AT;
  const shown = folded ? body.slice(0, FOLD_AT) : body;
  return (
    <>
      <bdi className="message__body" data-testid="message-body">
        {splitLinks(shown).map((part, index) =>
          part.kind === 'text' ? (
            part.text
          ) : (
            <button
              key={index}
              type="button"
              className="link-button"
              title={`Open ${part.text} in your browser`}
              onClick={() => void api.openExternal({ url: part.text })}
            >
              <bdi>{part.text}</bdi>
            </button>
          ),
        )}
        {folded ? '…' : null}
      </bdi>
      {body.length > FOLD_AT ? (
        <button type="button" className="button--link" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
          {expanded ? 'Show less' : `Show the whole message (${body.length.toLocaleString()} characters)`}
        </button>
      ) : null}
    </>
  );
}
