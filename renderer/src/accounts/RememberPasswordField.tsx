import { CheckboxField } from '../common/TextField.js';
import { usePasswordStorage } from './use-password-storage.js';

interface RememberPasswordFieldProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

/**
 * "Remember password", worded by what the main process will really do with it. Without a key store that
 * protects it (Linux without a keyring), there is nothing to choose: the option is replaced by a plain
 * statement, because a checkbox would promise a saved password that the vault refuses to write.
 */
export function RememberPasswordField({ checked, onChange }: RememberPasswordFieldProps) {
  const storage = usePasswordStorage();
  if (storage === 'session-only') {
    return (
      <p className="note" data-testid="password-session-only">
        Your password is kept only until Hostproof quits. This computer has no key store (such as GNOME Keyring or
        KWallet) that could protect a saved password, so Hostproof does not save it.
      </p>
    );
  }
  const hint =
    storage === 'os-key-store'
      ? "Stored encrypted by your operating system's key store."
      : "Stored only if your operating system's key store can encrypt it; otherwise kept until Hostproof quits.";
  return <CheckboxField label="Remember password" hint={hint} checked={checked} onChange={onChange} />;
}
