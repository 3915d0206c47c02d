import { useId, useState } from 'react';
import type { DomainParser } from '../../../app/domain/address/domain-parser.js';
import type { CertificateSummary } from '../../../app/domain/certificate.js';
import { certificateNames, listNames } from '../../../app/domain/certificate-names.js';
import type { Pin } from '../../../app/domain/trust.js';
import { useAddresses } from '../common/addresses.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { Fingerprint, fingerprintGroups, type FingerprintFormat } from '../common/Fingerprint.js';
import { Time } from '../common/Time.js';

interface ReplacePinConfirmProps {
  readonly domain: string;
  readonly previousPin: Pin | null;
  readonly presented: CertificateSummary;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onBack: () => void;
}

/** The indexes of the groups in which two fingerprints differ, as shown in `format` (OpenSSH-style: the machine compares). */
export function differingGroups(a: string, b: string, format: FingerprintFormat): ReadonlySet<number> {
  const left = fingerprintGroups(a, format);
  const right = fingerprintGroups(b, format);
  const out = new Set<number>();
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) if (left[i] !== right[i]) out.add(i);
  return out;
}

/** What the person typed names the domain: either form (U-label or A-label), any case, spaces around ignored. */
export function typedDomainMatches(typed: string, domain: string, domains: Pick<DomainParser, 'sameDomain'>): boolean {
  const trimmed = typed.trim();
  return trimmed !== '' && domains.sameDomain(trimmed, domain);
}

/**
 * The second step for "key changed" (trust-ux.md): old and new keys side by side with the differing groups
 * highlighted, and the person types the domain to confirm. Going back is the default. The main process still
 * shows its own confirmation after this: the window can only ask.
 */
export function ReplacePinConfirm({ domain, previousPin, presented, busy, error, onConfirm, onBack }: ReplacePinConfirmProps) {
  const typedId = useId();
  const [format, setFormat] = useState<FingerprintFormat>('hex');
  const [typed, setTyped] = useState('');
  const addresses = useAddresses();
  const confirmed = typedDomainMatches(typed, domain, addresses);
  const keyDiff = previousPin ? differingGroups(previousPin.spkiSha256, presented.spkiSha256, format) : undefined;
  const certDiff = previousPin?.certificate ? differingGroups(previousPin.certificate.sha256, presented.sha256, format) : undefined;
  return (
    <Dialog
      role="alertdialog"
      tone="danger"
      title={`Replace the pinned key for ${domain}?`}
      description={
        <p>
          From now on Hostproof will trust the new key for {domain} and forget the old one. Do this only if the people who run {domain} told you
          the key changed and the new fingerprint is the one they gave you.
        </p>
      }
      onCancel={onBack}
      testId="replace-pin-confirm"
    >
      <div className="compare" role="group" aria-label="Old and new keys">
        <section className="compare__side" data-testid="old-key" aria-label="The key you pinned">
          <h3 className="section-title">The key you pinned</h3>
          {previousPin ? (
            <>
              <p className="note">
                Pinned on <Time iso={previousPin.approvedAt} as="day" />
                {previousPin.certificate ? (
                  <>
                    , from a certificate for <bdi>{listNames(certificateNames(previousPin.certificate))}</bdi>, valid until{' '}
                    <Time iso={previousPin.certificate.notAfter} />.
                  </>
                ) : (
                  ', from a fingerprint you entered.'
                )}
              </p>
              <Fingerprint label="SHA-256 of the old public key" value={previousPin.spkiSha256} differing={keyDiff} format={format} onFormat={setFormat} />
              {previousPin.certificate ? (
                <Fingerprint label="SHA-256 of the old certificate" value={previousPin.certificate.sha256} differing={certDiff} format={format} onFormat={setFormat} />
              ) : null}
            </>
          ) : (
            <p className="note">Hostproof did not receive the details of the old pin.</p>
          )}
        </section>
        <section className="compare__side" data-testid="new-key" aria-label="The key presented now">
          <h3 className="section-title">The key presented now</h3>
          <p className="note">
            From a certificate for <bdi>{listNames(certificateNames(presented))}</bdi>, issued by <bdi>{presented.issuer}</bdi>, valid until{' '}
            <Time iso={presented.notAfter} />.
          </p>
          <Fingerprint label="SHA-256 of the new public key" value={presented.spkiSha256} differing={keyDiff} format={format} onFormat={setFormat} />
          <Fingerprint label="SHA-256 of the new certificate" value={presented.sha256} differing={certDiff} format={format} onFormat={setFormat} />
        </section>
      </div>
      {keyDiff ? (
        <p className="note" data-testid="differing-count">
          {keyDiff.size === fingerprintGroups(presented.spkiSha256, format).length
            ? 'The keys differ in every group (highlighted): this is an entirely different key.'
            : `The keys differ in ${keyDiff.size} of ${fingerprintGroups(presented.spkiSha256, format).length} groups (highlighted).`}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={typedId}>
          To replace the pin, type <strong>{domain}</strong>
        </label>
        <input id={typedId} type="text" value={typed} autoComplete="off" spellCheck={false} onChange={(event) => setTyped(event.target.value)} data-testid="typed-domain" />
      </div>
      <ErrorText message={error} />
      <div className="dialog__actions">
        <button type="button" className="button--primary" data-autofocus onClick={onBack} disabled={busy}>
          Go back
        </button>
        <button type="button" className="button--danger" onClick={onConfirm} disabled={busy || !confirmed}>
          Replace the pinned key
        </button>
      </div>
    </Dialog>
  );
}
