import type { TrustVerdict } from '../../../app/domain/trust.js';
import { formatDay } from '../common/format-time.js';
import { certificateHost } from '../../../app/domain/certificate-names.js';

/** Colour of the badge, as trust-ux.md assigns them: green proven, blue pinned, amber unverified, red alarming. */
export type BadgeTone = 'neutral' | 'green' | 'blue' | 'amber' | 'red';

export type BadgeKind =
  | 'unchecked'
  | 'verified'
  | 'verified-delegated'
  | 'pinned'
  | 'accepted-once'
  | 'delegated-host'
  | 'untrusted-certificate'
  | 'key-changed'
  | 'posh-mismatch';

export interface BadgeState {
  readonly kind: BadgeKind;
  readonly tone: BadgeTone;
  /** The words on the badge. */
  readonly label: string;
  /** Extra warnings worth a word next to the label (e.g. the weaker SHA-1 match of the seed format). */
  readonly notes: readonly string[];
}

/** What the badge says for a verdict. One place decides it, so the account list and the panels agree. */
export function badgeState(verdict: TrustVerdict | null): BadgeState {
  if (verdict === null) return { kind: 'unchecked', tone: 'neutral', label: 'Not checked yet', notes: [] };
  const notes = verdict.warnings.includes('weak-hash-sha1') ? ['SHA-1, seed format'] : [];
  if (verdict.verified) {
    switch (verdict.method) {
      case 'pkix':
        return { kind: 'verified', tone: 'green', label: 'Verified', notes };
      case 'posh': {
        // A POSH match for a certificate that does not name the domain is a delegation: say who hosts it.
        if (verdict.warnings.includes('delegated-host')) {
          const host = certificateHost(verdict.certificate) ?? verdict.endpoint.host;
          return { kind: 'verified-delegated', tone: 'green', label: `Verified · hosted by ${host}`, notes };
        }
        return { kind: 'verified', tone: 'green', label: 'Verified', notes };
      }
      case 'pin': {
        const since = verdict.pin.status === 'match' ? ` (${formatDay(verdict.pin.pin.approvedAt)})` : '';
        return { kind: 'pinned', tone: 'blue', label: `Pinned by you${since}`, notes };
      }
      case 'accepted-once':
        return { kind: 'accepted-once', tone: 'amber', label: 'Not verified · connected once', notes };
    }
  }
  switch (verdict.undecided) {
    case 'delegated-host':
      return { kind: 'delegated-host', tone: 'amber', label: 'Unverified · delegated host', notes };
    case 'untrusted-certificate':
      return { kind: 'untrusted-certificate', tone: 'amber', label: 'Unverified · untrusted certificate', notes };
    case 'key-changed':
      return { kind: 'key-changed', tone: 'red', label: 'Key changed', notes };
    case 'posh-mismatch':
      return { kind: 'posh-mismatch', tone: 'red', label: 'POSH mismatch', notes };
  }
}
