import { useState } from 'react';
import type { CertificateSummary } from '../../../app/domain/certificate.js';
import { labelledNames } from '../../../app/domain/certificate-names.js';
import { Fingerprint } from '../common/Fingerprint.js';
import { FingerprintCompare } from '../common/FingerprintCompare.js';
import { Time } from '../common/Time.js';

interface CertificateDetailsProps {
  readonly certificate: CertificateSummary;
  /** Leaf first, as the server sent it. */
  readonly chain?: readonly CertificateSummary[];
  readonly headingLevel?: 3 | 4;
}

/** Who a certificate is for, who issued it, when it is valid, and its two SHA-256 fingerprints; then its chain. */
export function CertificateDetails({ certificate, chain = [], headingLevel = 3 }: CertificateDetailsProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const names = labelledNames(certificate.names);
  return (
    <section className="certificate" data-testid="certificate-details" aria-label="Certificate">
      <Heading className="section-title">The certificate</Heading>
      <dl className="facts">
        <dt>Issued to</dt>
        <dd>
          <ul className="name-list" data-testid="certificate-names">
            {names.map(({ kind, value }, index) => (
              <NameItem key={`${index}-${kind.kind}-${value}`} kind={kind.long} value={value} />
            ))}
            {names.length === 0 ? <li>No names at all</li> : null}
          </ul>
        </dd>
        <dt>Subject</dt>
        <dd>
          <bdi>{certificate.subject}</bdi>
        </dd>
        <dt>Issued by</dt>
        <dd data-testid="certificate-issuer">
          <bdi>{certificate.issuer}</bdi>
          {certificate.selfIssued ? <span className="note"> (self-signed: issued by itself)</span> : null}
        </dd>
        <dt>Valid from</dt>
        <dd>
          <Time iso={certificate.notBefore} />
        </dd>
        <dt>Valid until</dt>
        <dd data-testid="certificate-expiry">
          <Time iso={certificate.notAfter} /> <Expiry iso={certificate.notAfter} />
        </dd>
        <dt>Serial number</dt>
        <dd>
          <code>{certificate.serialNumber}</code>
        </dd>
      </dl>
      <div className="fingerprints" role="group" aria-label="Fingerprints">
        <Fingerprint label="SHA-256 of the certificate" value={certificate.sha256} testId="fingerprint-certificate" />
        <Fingerprint label="SHA-256 of the public key" value={certificate.spkiSha256} testId="fingerprint-key" />
      </div>
      <FingerprintCompare
        subject="this server"
        known={[
          { what: 'the public key', value: certificate.spkiSha256 },
          { what: 'the certificate', value: certificate.sha256 },
        ]}
      />
      {chain.length > 0 ? (
        <details className="chain-details">
          <summary>Certificate chain ({chain.length})</summary>
          <ol className="cert-chain" data-testid="certificate-chain">
            {chain.map((link, index) => (
              <li key={`${index}-${link.sha256}`}>
                <bdi>{link.subject}</bdi>
                <span className="note">
                  {' '}
                  issued by <bdi>{link.issuer}</bdi>, valid until <Time iso={link.notAfter} />
                </span>
                <Fingerprint label={`SHA-256 of certificate ${index + 1} in the chain`} value={link.sha256} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function NameItem({ kind, value }: { readonly kind: string; readonly value: string }) {
  return (
    <li>
      <bdi>{value}</bdi> <span className="note">({kind})</span>
    </li>
  );
}

/** "(expires in 3 months)" or "(expired 2 days ago)": how far the end of validity is, in words. */
function Expiry({ iso }: { readonly iso: string }) {
  const [now] = useState(() => Date.now());
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return (
    <span className={at < now ? 'note note--bad' : 'note'}>
      ({at < now ? 'expired' : 'expires'} <Time iso={iso} as="relative" now={now} />)
    </span>
  );
}
