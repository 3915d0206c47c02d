import { ENCRYPTED_LABEL, NOT_ENCRYPTED_LABEL } from './encryption-text.js';
import type { EncryptionMark as Mark } from './encryption-marks.js';
import { LockIcon } from './LockIcon.js';

/**
 * The lock in a message's meta line (issue 15): closed for an encrypted message, open and fainter for a
 * plaintext one beside encrypted ones. The words are its accessible name and hover text.
 */
export function EncryptionMark({ mark }: { readonly mark: Mark }) {
  const label = mark === 'encrypted' ? ENCRYPTED_LABEL : NOT_ENCRYPTED_LABEL;
  return (
    <span className={`message__lock message__lock--${mark}`} role="img" aria-label={label} title={label} data-testid="message-lock" data-state={mark}>
      <LockIcon open={mark === 'plain'} />
    </span>
  );
}
