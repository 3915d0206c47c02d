import { useId, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import { blockAddressOrNull } from '../../../app/domain/blocking-rules.js';
import { FIELD_LIMITS } from '../../../app/ipc/contract.js';
import { ErrorText } from '../common/ErrorText.js';
import { BlockDialog } from './BlockDialog.js';
import { useBlocking } from './use-blocking.js';
import './blocking.css';

/** Settings, Blocked: each account's blocked addresses and domains, with Unblock, and a way to block one. */
export function BlockedSettings({ accounts }: { readonly accounts: readonly AccountView[] }) {
  const id = useId();
  return (
    <section className="panel blocked-settings" aria-labelledby={`${id}-title`} data-testid="blocked-settings">
      <h2 id={`${id}-title`}>Blocked</h2>
      <p className="note">Blocked addresses cannot send you messages or see when you are online. Your server keeps the list, so it holds on all your devices.</p>
      {accounts.length === 0 ? <p>No accounts yet.</p> : null}
      {accounts.map((account) => (
        <AccountBlocked key={account.settings.id} account={account} showJid={accounts.length > 1} />
      ))}
    </section>
  );
}

function AccountBlocked({ account, showJid }: { readonly account: AccountView; readonly showJid: boolean }) {
  const blocking = useBlocking(account.settings.id);
  const inputId = useId();
  const [text, setText] = useState('');
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { view } = blocking;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = blockAddressOrNull(text);
    if (address === null) {
      setError('Enter a chat address (name@example.com) or a whole domain (example.com).');
      return;
    }
    setError(null);
    setAsking(address);
  };
  const unblock = async (address: string) => setError(await blocking.unblock(address));
  let body;
  if (view === null) body = <p role="status">Loading…</p>;
  else if (view.supported === null) body = <p className="note">Connect this account to see whom it blocks.</p>;
  else if (!view.supported)
    body = (
      <p className="note" data-testid="blocking-unsupported">
        This account’s server does not support blocking, so Hostproof cannot block anyone on it.
      </p>
    );
  else
    body = (
      <>
        {view.blocked.length === 0 ? <p className="note">Nobody is blocked.</p> : null}
        <ul className="plain-list blocked-list" data-testid="blocked-list">
          {view.blocked.map((address) => (
            <li key={address} className="blocked-list__item" data-address={address}>
              <bdi className="blocked-list__address">{address}</bdi>
              {address.includes('@') ? null : <span className="note"> (whole domain)</span>}
              <button type="button" className="button--small" onClick={() => void unblock(address)} aria-label={`Unblock ${address}`}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
        <form className="toolbar blocked-settings__add" onSubmit={submit}>
          <label htmlFor={inputId}>Block an address or domain</label>
          <input id={inputId} value={text} maxLength={FIELD_LIMITS.jid} placeholder="name@example.com or example.com" onChange={(e) => setText(e.target.value)} />
          <button type="submit">Block…</button>
        </form>
      </>
    );
  return (
    <div className="blocked-settings__account" data-testid="blocked-account" data-account={account.settings.jid}>
      {showJid ? (
        <h3 className="section-title">
          <bdi>{account.settings.jid}</bdi>
        </h3>
      ) : null}
      {body}
      <ErrorText message={error} />
      {asking !== null ? (
        <BlockDialog
          address={asking}
          block={blocking.block}
          onClose={() => {
            setAsking(null);
            setText('');
          }}
        />
      ) : null}
    </div>
  );
}
