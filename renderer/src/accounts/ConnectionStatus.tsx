import type { ConnectionState } from '../../../app/domain/account.js';
import { shortStageText, stageText, WHAT_TO_TRY } from './connection-text.js';
import { useNow } from './use-now.js';

interface ConnectionStatusProps {
  readonly state: ConnectionState;
  readonly domain: string;
  /** Compact form for the sidebar's account list: a word or two (the full sentence for screen readers and on hover). */
  readonly compact?: boolean;
}

/** The stage of a connection, and on failure what happened and what to try, announced politely. */
export function ConnectionStatus({ state, domain, compact = false }: ConnectionStatusProps) {
  const now = useNow(state.stage === 'reconnecting');
  const text = stageText(state, domain, now);
  if (compact) {
    return (
      <span className={`status status--${state.stage}`} data-testid="connection-stage" data-stage={state.stage} title={text}>
        <span className={`dot dot--${state.stage}`} aria-hidden="true" /> {shortStageText(state)}
        <span className="sr-only">: {text}</span>
      </span>
    );
  }
  const error = state.stage === 'failed' ? state.error : state.stage === 'reconnecting' ? state.lastError : null;
  return (
    <div className={`connection connection--${state.stage}`} data-testid="connection-status" data-stage={state.stage}>
      <p role="status" className="connection__stage" data-testid="connection-stage">
        <span className={`dot dot--${state.stage}`} aria-hidden="true" />
        <bdi>{text}</bdi>
      </p>
      {error ? (
        <div className={state.stage === 'failed' ? 'connection__error' : 'connection__last-error'} role={state.stage === 'failed' ? 'alert' : undefined}>
          <p data-testid="connection-error">{error.message}</p>
          <p className="note" data-testid="connection-advice">
            What to try: {WHAT_TO_TRY[error.kind]}
          </p>
        </div>
      ) : null}
    </div>
  );
}
