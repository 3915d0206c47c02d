import type { CertificateSummary } from '../../../app/domain/certificate.js';
import type { Pin } from '../../../app/domain/trust.js';
import { Dialog } from '../common/Dialog.js';
import { Fingerprint } from '../common/Fingerprint.js';
import { formatDateTime, formatDay } from '../common/format-time.js';
import { certificateNames, listNames } from '../../../app/domain/certificate-names.js';
import { ErrorText } from '../common/ErrorText.js';

interface ReplacePinConfirmProps {
  readonly domain: string;
  readonly previousPin: Pin | null;
  readonly presented: CertificateSummary;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onBack: () => void;
}

/**
 * The second confirmation for "key changed": old and new keys side by side, so the user can compare them with
 * what the server's operators announced. Going back is the default; replacing takes a deliberate choice.
 */
export function ReplacePinConfirm({ domain, previousPin, presented, busy, error, onConfirm, onBack }: ReplacePinConfirmProps) {
  return (
    <Dialog
      role="alertdialog"
      tone="danger"
      title={`Replace the pinned key for ${domain}?`}
      description={
        <p>
          From now on Hostproof will trust the new key for {domain} and forget the old one. Do this only if the
          people who run {domain} told you the key changed and the new fingerprint matches the one they gave you.
        </p>
      }
      onCancel={onBack}
      testId="replace-pin-confirm"
    >
      <div className="compare" role="group" aria-label="Old and new keys">
        <section className="compare__side" data-testid="old-key" aria-label="The key you pinned">
          <h3 className="section-title">The key you pinned</h3>
          {previousPin?.certificate ? (
            <>
              <p className="note">
                Pinned on {formatDay(previousPin.approvedAt)}, from a certificate for{' '}
                <bdi>{listNames(certificateNames(previousPin.certificate))}</bdi>, valid until {formatDateTime(previousPin.certificate.notAfter)}.
              </p>
              <Fingerprint label="SHA-256 of the old public key" value={previousPin.spkiSha256} />
              <Fingerprint label="SHA-256 of the old certificate" value={previousPin.certificate.sha256} />
            </>
          ) : (
            <p className="note">Hostproof did not receive the details of the old pin.</p>
          )}
        </section>
        <section className="compare__side" data-testid="new-key" aria-label="The key presented now">
          <h3 className="section-title">The key presented now</h3>
          <p className="note">
            From a certificate for <bdi>{listNames(certificateNames(presented))}</bdi>, issued by <bdi>{presented.issuer}</bdi>, valid
            until {formatDateTime(presented.notAfter)}.
          </p>
          <Fingerprint label="SHA-256 of the new public key" value={presented.spkiSha256} />
          <Fingerprint label="SHA-256 of the new certificate" value={presented.sha256} />
        </section>
      </div>
      <ErrorText message={error} />
      <div className="dialog__actions">
        <button type="button" data-autofocus onClick={onBack} disabled={busy}>
          Go back
        </button>
        <button type="button" className="button--danger" onClick={onConfirm} disabled={busy}>
          Replace the pinned key
        </button>
      </div>
    </Dialog>
  );
}
