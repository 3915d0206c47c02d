/**
 * The facts a verdict is built from, derived once from the raw check results. Each "vouches" fact is computed
 * fail-closed: inconsistent input (a POSH result for another domain, a "match" pin whose key differs from the
 * presented one, `pkix.ok` without both of its parts) never counts towards trust.
 */
import { sameDomain } from '../../app/domain/address/domain-name.js';
import type { CertificateSummary } from '../../app/domain/certificate.js';
import type { Pin, PoshMatch } from '../../app/domain/trust.js';
import type { TrustInput } from './trust-input.js';

export type CertificateValidity = 'valid' | 'expired' | 'not-yet-valid' | 'unknown';

export interface TrustFacts {
  /** A trusted chain and a name matching the domain (posh.md §7.4a). */
  readonly pkixVouches: boolean;
  /** POSH matched this certificate for this domain while the certificate is in its validity period (§5). */
  readonly poshVouches: boolean;
  /** The POSH match, only when POSH vouches. */
  readonly poshMatch: PoshMatch | null;
  /** The domain published POSH material and this certificate is not in it. */
  readonly poshMismatch: boolean;
  /** The user's pin for this domain, whatever key it names. */
  readonly pin: Pin | null;
  /** A pin for this domain names exactly the presented key. */
  readonly pinVouches: boolean;
  /** A pin exists for this domain and the presented key differs from it. */
  readonly pinDiffers: boolean;
  readonly validity: CertificateValidity;
  /** A name in the certificate covers the domain (RFC 9525 rules, as judged by the PKIX check). */
  readonly namesCoverDomain: boolean;
  readonly chainTrusted: boolean;
  readonly selfSigned: boolean;
}

export function deriveTrustFacts(input: TrustInput): TrustFacts {
  const { domain, certificate, pkix, posh, now } = input;
  const validity = certificateValidity(certificate, now);

  const pkixVouches = pkix.ok && pkix.chainOk && pkix.nameOk;

  // RFC 7711: an expired (or not yet valid) certificate is never valid, whatever POSH says.
  const poshForThisDomain = sameDomain(posh.domain, domain);
  const poshMatch = posh.status === 'verified' && poshForThisDomain && validity === 'valid' ? posh.match : null;
  const poshVouches = poshMatch !== null;
  const poshMismatch = posh.status === 'mismatch' && poshForThisDomain;

  const pin = input.pin.status !== 'none' && sameDomain(input.pin.pin.domain, domain) ? input.pin.pin : null;
  // Compare the key ourselves rather than trusting the status alone: a pin vouches only for the key it names.
  const keyEqual = pin !== null && pin.spkiSha256 === certificate.spkiSha256;
  const pinVouches = pin !== null && input.pin.status === 'match' && keyEqual;
  const pinDiffers = pin !== null && !pinVouches;

  return {
    pkixVouches,
    poshVouches,
    poshMatch,
    poshMismatch,
    pin,
    pinVouches,
    pinDiffers,
    validity,
    namesCoverDomain: pkix.nameOk,
    chainTrusted: pkix.chainOk,
    selfSigned: certificate.selfIssued,
  };
}

/** X.509 validity is inclusive at both ends. Unparseable dates give 'unknown', which never counts as valid. */
export function certificateValidity(certificate: CertificateSummary, now: Date): CertificateValidity {
  const notBefore = Date.parse(certificate.notBefore);
  const notAfter = Date.parse(certificate.notAfter);
  const at = now.getTime();
  if (Number.isNaN(notBefore) || Number.isNaN(notAfter) || Number.isNaN(at)) return 'unknown';
  if (at < notBefore) return 'not-yet-valid';
  if (at > notAfter) return 'expired';
  return 'valid';
}

