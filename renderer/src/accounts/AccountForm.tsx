import { useRef, useState, type FormEvent } from 'react';
import type { AccountSettings, AccountView } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { CheckboxField, TextField } from '../common/TextField.js';
import {
  emptyAccountForm,
  formFromSettings,
  validateAccountUpdate,
  validateNewAccount,
  type AccountField,
  type AccountFormValues,
  type FieldErrors,
} from './account-form.js';
import { RememberPasswordField } from './RememberPasswordField.js';

interface AccountFormProps {
  /** Absent: add a new account. Present: edit that one (its address cannot change). */
  readonly existing?: AccountSettings;
  readonly onDone: (account: AccountView) => void;
  readonly onCancel?: () => void;
}

const FIELD_ORDER: readonly AccountField[] = ['jid', 'password', 'host', 'port'];

/** Add or edit an account: address, password, whether to remember it, and the advanced server settings. */
export function AccountForm({ existing, onDone, onCancel }: AccountFormProps) {
  const api = useApi();
  const [values, setValues] = useState<AccountFormValues>(() => (existing ? formFromSettings(existing) : emptyAccountForm));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [advanced, setAdvanced] = useState(() => existing?.server != null);
  const jidRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const hostRef = useRef<HTMLInputElement>(null);
  const portRef = useRef<HTMLInputElement>(null);
  const set = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first === 'host' || first === 'port') setAdvanced(true);
    // Focus after the advanced section has rendered its inputs.
    const target = { jid: jidRef, password: passwordRef, host: hostRef, port: portRef }[first ?? 'jid'];
    queueMicrotask(() => (first ? target.current?.focus() : undefined));
  };

  const save = async (): Promise<{ ok: true; value: AccountView } | { ok: false; message: string } | null> => {
    if (existing) {
      const checked = validateAccountUpdate(existing.id, values);
      if (!checked.ok) {
        showErrors(checked.errors);
        return null;
      }
      setErrors({});
      return request(() => api.updateAccount(checked.value));
    }
    const checked = validateNewAccount(values);
    if (!checked.ok) {
      showErrors(checked.errors);
      return null;
    }
    setErrors({});
    return request(() => api.addAccount(checked.value));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setBusy(true);
    const result = await save();
    setBusy(false);
    if (result === null) return;
    if (result.ok) onDone(result.value);
    else setFailure(result.message);
  };

  const title = existing ? `Edit ${existing.jid}` : 'Add an account';
  return (
    <form className="account-form panel" onSubmit={(e) => void submit(e)} noValidate aria-label={title} data-testid="account-form">
      <h2>{existing ? <>Edit <bdi>{existing.jid}</bdi></> : 'Add an account'}</h2>
      {existing ? (
        <p className="note">
          Address: <bdi>{existing.jid}</bdi>
        </p>
      ) : (
        <TextField
          label="Chat address"
          hint="Your XMPP address, for example alice@example.com."
          value={values.jid}
          onChange={(v) => set('jid', v)}
          error={errors.jid}
          inputRef={jidRef}
          autoComplete="username"
          spellCheck={false}
          name="jid"
        />
      )}
      <TextField
        label={existing ? 'New password (leave empty to keep the current one)' : 'Password'}
        type="password"
        value={values.password}
        onChange={(v) => set('password', v)}
        error={errors.password}
        inputRef={passwordRef}
        autoComplete={existing ? 'new-password' : 'current-password'}
        name="password"
      />
      <RememberPasswordField checked={values.rememberPassword} onChange={(v) => set('rememberPassword', v)} />
      <CheckboxField label="Connect when Hostproof starts" checked={values.autoConnect} onChange={(v) => set('autoConnect', v)} />
      <div className="advanced">
        <button type="button" className="button--link" aria-expanded={advanced} onClick={() => setAdvanced((a) => !a)}>
          Advanced: server host and port
        </button>
        {advanced ? (
          <div className="advanced__fields">
            <p className="note">Leave these empty to find the server through DNS, as usual.</p>
            <TextField label="Server host" value={values.host} onChange={(v) => set('host', v)} error={errors.host} inputRef={hostRef} spellCheck={false} name="host" />
            <TextField
              label="Port"
              inputMode="numeric"
              placeholder={values.directTls ? '5223' : '5222'}
              value={values.port}
              onChange={(v) => set('port', v)}
              error={errors.port}
              inputRef={portRef}
              name="port"
            />
            <CheckboxField
              label="Direct TLS"
              hint="Encrypt from the first byte (XEP-0368) instead of starting with STARTTLS."
              checked={values.directTls}
              onChange={(v) => set('directTls', v)}
            />
          </div>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="error-text" data-testid="account-form-error">
          {failure}
        </p>
      ) : null}
      <div className="form-actions">
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button--primary" disabled={busy}>
          {existing ? 'Save' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
