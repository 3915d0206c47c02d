import { useState, type FormEvent } from 'react';
import { TextField } from '../common/TextField.js';

interface PasswordPromptProps {
  readonly jid: string;
  readonly busy: boolean;
  readonly onSubmit: (password: string) => void;
}

/** Asked when no password is stored: the password goes to main once and is never sent back to the page. */
export function PasswordPrompt({ jid, busy, onSubmit }: PasswordPromptProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password === '') {
      setError('Enter your password.');
      return;
    }
    setError(undefined);
    onSubmit(password);
    setPassword('');
  };
  return (
    <form className="password-prompt" onSubmit={submit} aria-label={`Connect ${jid} with a password`} noValidate>
      <TextField label={`Password for ${jid}`} type="password" value={password} onChange={setPassword} error={error} autoComplete="current-password" />
      <button type="submit" className="button--primary" disabled={busy}>
        Connect
      </button>
    </form>
  );
}
