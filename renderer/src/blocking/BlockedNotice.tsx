import { useState } from 'react';
import './blocking.css';
import { ErrorText } from '../common/ErrorText.js';

interface BlockedNoticeProps {
  readonly name: string;
  /** Whether the block is on the whole domain rather than on this contact. */
  readonly domain: string | null;
  /** Null when unblocking is not possible now (e.g. the account is offline). */
  readonly unblock: (() => Promise<string | null>) | null;
}

/** In place of the composer in a conversation with someone blocked: says so, and offers to unblock. */
export function BlockedNotice({ name, domain, unblock }: BlockedNoticeProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onUnblock = async () => {
    if (!unblock) return;
    setBusy(true);
    setError(await unblock());
    setBusy(false);
  };
  return (
    <div className="blocked-notice" role="note" data-testid="blocked-notice">
      <p>
        {domain === null ? (
          <>
            You have blocked <bdi>{name}</bdi>.
          </>
        ) : (
          <>
            You have blocked everyone at <bdi>{domain}</bdi>.
          </>
        )}{' '}
        From now on their messages are not shown and you cannot write to them.
      </p>
      {unblock ? (
        <button type="button" className="button--small" onClick={() => void onUnblock()} disabled={busy} data-testid="unblock-conversation">
          {domain === null ? 'Unblock' : `Unblock ${domain}`}
        </button>
      ) : null}
      <ErrorText message={error} />
    </div>
  );
}
