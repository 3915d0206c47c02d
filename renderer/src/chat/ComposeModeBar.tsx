import type { ComposeMode } from './use-message-changes.js';

/** Above the composer while editing our message or replying to one, with a way out (Escape does the same). */
export function ComposeModeBar({ mode, nameOf, onCancel }: { readonly mode: ComposeMode; readonly nameOf: (message: NonNullable<ComposeMode>['message']) => string; readonly onCancel: () => void }) {
  if (mode === null) return null;
  const start = mode.message.body.length > 60 ? `${mode.message.body.slice(0, 60)}…` : mode.message.body;
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
