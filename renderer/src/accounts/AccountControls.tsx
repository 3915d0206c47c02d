import { useState } from 'react';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import type { AccountView } from '../../../app/domain/account.js';
import type { IpcResult } from '../../../app/ipc/result.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { isConnecting } from './connection-text.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { PasswordPrompt } from './PasswordPrompt.js';
import { RemoveAccountDialog } from './RemoveAccountDialog.js';

interface AccountControlsProps {
  readonly account: AccountView;
  readonly onEdit: () => void;
  readonly onRemoved: () => void;
}

/** Connection progress and the account's actions: connect or disconnect, enable, edit, remove (confirmed). */
export function AccountControls({ account, onEdit, onRemoved }: AccountControlsProps) {
  const api = useApi();
  const { settings, connection } = account;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const domain = jidOrNull(settings.jid)?.domain.unicode ?? settings.jid;

  const run = async <T,>(call: () => Promise<IpcResult<T>>) => {
    setBusy(true);
    setFailure(null);
    const result = await request(call);
    setBusy(false);
    if (!result.ok) setFailure(result.message);
    return result.ok;
  };
  const connect = (password?: string) =>
    void run(() => api.connect(password === undefined ? { accountId: settings.id } : { accountId: settings.id, password }));
  const disconnect = () => void run(() => api.disconnect({ accountId: settings.id }));
  const setEnabled = (enabled: boolean) =>
    void run(() => api.updateAccount({ accountId: settings.id, enabled }));
  const remove = async (deleteHistory: boolean) => {
    if (await run(() => api.removeAccount({ accountId: settings.id, deleteHistory }))) {
      setConfirmRemove(false);
      onRemoved();
    }
  };

  const active = connection.stage === 'online' || isConnecting(connection);
  const needsPassword = connection.stage === 'failed' && connection.error.kind === 'password-needed';
  return (
    <div className="account-controls" data-testid="account-controls">
      {settings.enabled ? <ConnectionStatus state={connection} domain={domain} /> : <p className="note">This account is disabled.</p>}
      {needsPassword ? <PasswordPrompt jid={settings.jid} busy={busy} onSubmit={(password) => connect(password)} /> : null}
      <div className="toolbar" role="group" aria-label="Account actions">
        {active ? (
          <button type="button" onClick={disconnect} disabled={busy}>
            Disconnect
          </button>
        ) : (
          <button type="button" className="button--primary" onClick={() => connect()} disabled={busy || !settings.enabled}>
            Connect
          </button>
        )}
        <button type="button" onClick={() => setEnabled(!settings.enabled)} disabled={busy} aria-pressed={settings.enabled}>
          {settings.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="button--danger" onClick={() => setConfirmRemove(true)}>
          Remove
        </button>
      </div>
      {failure && !confirmRemove ? (
        <p role="alert" className="error-text">
          {failure}
        </p>
      ) : null}
      {confirmRemove ? (
        <RemoveAccountDialog
          jid={settings.jid}
          busy={busy}
          error={failure}
          onRemove={(deleteHistory) => void remove(deleteHistory)}
          onCancel={() => setConfirmRemove(false)}
        />
      ) : null}
    </div>
  );
}
