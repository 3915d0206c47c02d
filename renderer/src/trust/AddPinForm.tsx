import { useId, useState, type FormEvent } from 'react';
import { parseFingerprint } from '../../../app/domain/fingerprint-input.js';
import type { Pin } from '../../../app/domain/trust.js';
import { useApi } from '../ApiContext.js';
import { ErrorText } from '../common/ErrorText.js';
import { request } from '../common/ipc.js';
import { TextField } from '../common/TextField.js';

/**
 * "Add a pin from a published fingerprint" (trust-ux.md "Pin manager"): like a prefilled known_hosts line, a
 * key the provider published elsewhere, pinned before the first connection, which then verifies silently by it.
 * The main process shows its own confirmation before anything is stored.
 */
export function AddPinForm({ onAdded }: { readonly onAdded: (pin: Pin) => void }) {
  const api = useApi();
  const headingId = useId();
  const [domain, setDomain] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = parseFingerprint(fingerprint);
  const fingerprintError = (tried || fingerprint !== '') && !parsed.ok ? parsed.problem.message : undefined;
  const domainError = tried && domain.trim() === '' ? 'Type the domain of your chat address, e.g. example.com.' : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setError(null);
    if (!parsed.ok || domain.trim() === '') return;
    setBusy(true);
    const result = await request(() => api.addPin({ domain: domain.trim(), service: 'xmpp-client', spkiSha256: parsed.base64 }));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setDomain('');
    setFingerprint('');
    setTried(false);
    onAdded(result.value);
  };

  return (
    <form className="card add-pin" aria-labelledby={headingId} onSubmit={(event) => void submit(event)} data-testid="add-pin-form" noValidate>
      <h3 id={headingId} className="card__title">
        Add a pin from a published fingerprint
      </h3>
      <p className="note">
        If your provider published the SHA-256 fingerprint of its server&apos;s public key (on its web site, in a letter), pin it before you
        connect: the first connection then verifies by it without asking.
      </p>
      <TextField label="Domain" value={domain} onChange={setDomain} error={domainError} placeholder="example.com" autoComplete="off" spellCheck={false} />
      <TextField
        label="SHA-256 of the server's public key"
        value={fingerprint}
        onChange={setFingerprint}
        error={fingerprintError}
        hint="Hex with or without colons (as openssl prints it), or base64."
        autoComplete="off"
        spellCheck={false}
      />
      <ErrorText message={error} />
      <div className="dialog__actions">
        <button type="submit" disabled={busy}>
          Pin this key
        </button>
      </div>
    </form>
  );
}
