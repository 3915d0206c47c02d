import type { ComposeMode } from './use-message-changes.js';
import { UNDECRYPTABLE_PREVIEW } from './encryption-text.js'; // issue 15: OMEMO

/** Above the composer while editing our message or replying to one, with a way out (Escape does the same). */
export function ComposeModeBar({ mode, nameOf, onCancel }: { readonly mode: ComposeMode; readonly nameOf: (message: NonNullable<ComposeMode>['message']) => string; readonly onCancel: () => void }) {
  if (mode === null) return null;
  // issue 15: a reply to a message that could not be decrypted names what it is, not its empty body.
  const body = mode.message.encryption?.kind === 'undecryptable' ? UNDECRYPTABLE_PREVIEW : mode.message.body;
  const start = body.length > 60 ? `${body.slice(0, 60)}…` : body;
  return (
    <div className="compose-mode" data-testid="compose-mode" role="status">
      <span className="compose-mode__text">
        {mode.kind === 'edit' ? 'Editing your message' : <>Replying to <bdi>{nameOf(mode.message)}</bdi>: {start}</>}
      </span>
      <button type="button" className="button--small" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
