import { DISTRUSTED_DEVICE_LABEL, ENCRYPTED_LABEL, NOT_ENCRYPTED_LABEL, UNDECIDED_DEVICE_LABEL } from './encryption-text.js';
import type { EncryptionMark as Mark } from './encryption-marks.js';
import { LockIcon } from './LockIcon.js';

const LABEL: Record<Mark, string> = {
  encrypted: ENCRYPTED_LABEL,
  plain: NOT_ENCRYPTED_LABEL,
  'distrusted-device': DISTRUSTED_DEVICE_LABEL,
  'undecided-device': UNDECIDED_DEVICE_LABEL,
};

/**
 * The lock in a message's meta line (issue 15): closed for an encrypted message, open and fainter for a
 * plaintext one beside encrypted ones. The words are its accessible name and hover text; for a message from a
 * device the person distrusts or has not decided on they are written out too, as a warning.
 */
export function EncryptionMark({ mark }: { readonly mark: Mark }) {
  const label = LABEL[mark];
  const warns = mark === 'distrusted-device' || mark === 'undecided-device';
  return (
    <span className={`message__lock message__lock--${mark}`} role="img" aria-label={label} title={label} data-testid="message-lock" data-state={mark}>
      <LockIcon open={mark === 'plain'} />
      {warns ? <span className="message__lock-words">{label}</span> : null}
    </span>
  );
}
