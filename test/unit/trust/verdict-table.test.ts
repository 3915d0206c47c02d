/**
 * Every combination of PKIX (ok / trusted chain for another name / nothing) × POSH status × pin (match /
 * mismatch / none) × "connect once". The expectations restate the brief's rules (posh.md §7.4, trust-ux.md):
 * PKIX ▸ POSH ▸ pin ▸ accepted-once ▸ undecided; undecided reason key-changed ▸ posh-mismatch ▸ delegated-host
 * ▸ untrusted-certificate.
 */
import { describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../../app/domain/certificate.js';
import type { PinCheck, PkixResult, PoshStatus, TrustMethod, TrustWarning, UndecidedReason } from '../../../app/domain/trust.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import {
  DOMAIN_CERT,
  HOSTING_CERT,
  PKIX_CHAIN_ONLY,
  PKIX_NONE,
  PKIX_OK,
  SELF_SIGNED_HOSTING_CERT,
  input,
  pinMatch,
  pinMismatch,
  posh,
} from './verdict-fixtures.js';

type PkixCase = 'ok' | 'chain-only' | 'none';
type PinCase = 'match' | 'mismatch' | 'none';

const PKIX_CASES: Record<PkixCase, { pkix: PkixResult; cert: CertificateSummary }> = {
  ok: { pkix: PKIX_OK, cert: DOMAIN_CERT },
  'chain-only': { pkix: PKIX_CHAIN_ONLY, cert: HOSTING_CERT },
  none: { pkix: PKIX_NONE, cert: SELF_SIGNED_HOSTING_CERT },
};
const POSH_STATUSES: PoshStatus[] = ['verified', 'mismatch', 'absent', 'invalid', 'error', 'skipped'];
const PIN_CASES: PinCase[] = ['match', 'mismatch', 'none'];

function pinCheck(pin: PinCase, cert: CertificateSummary): PinCheck {
  if (pin === 'match') return pinMatch(cert);
  if (pin === 'mismatch') return pinMismatch();
  return { status: 'none' };
}

function expectedMethod(p: PkixCase, s: PoshStatus, pin: PinCase, once: boolean): TrustMethod | null {
  if (p === 'ok') return 'pkix';
  if (s === 'verified') return 'posh';
  if (pin === 'match') return 'pin';
  if (once) return 'accepted-once';
  return null;
}

function expectedReason(p: PkixCase, s: PoshStatus, pin: PinCase): UndecidedReason {
  if (pin === 'mismatch') return 'key-changed';
  if (s === 'mismatch') return 'posh-mismatch';
  if (p === 'chain-only') return 'delegated-host';
  return 'untrusted-certificate';
}

function expectedWarnings(p: PkixCase, s: PoshStatus, pin: PinCase): TrustWarning[] {
  const warnings: TrustWarning[] = [];
  // Key changed only when neither PKIX nor POSH vouches for the new key (trust-ux.md).
  if (pin === 'mismatch' && p !== 'ok' && s !== 'verified') warnings.push('key-changed');
  if (s === 'mismatch') warnings.push('posh-mismatch');
  // Both non-ok PKIX fixtures name hosting.example.net, not example.com.
  if (p !== 'ok') warnings.push('delegated-host');
  if (p === 'none') warnings.push('self-signed');
  return warnings.sort();
}

const combos = Object.keys(PKIX_CASES).flatMap((p) =>
  POSH_STATUSES.flatMap((s) =>
    PIN_CASES.flatMap((pin) => [false, true].map((once) => ({ p: p as PkixCase, s, pin, once }))),
  ),
);

describe('decideTrust over every combination', () => {
  it('covers 3 × 6 × 3 × 2 combinations', () => {
    expect(combos).toHaveLength(108);
  });

  it.each(combos)('PKIX $p, POSH $s, pin $pin, accepted once $once', ({ p, s, pin, once }) => {
    const { pkix, cert } = PKIX_CASES[p];
    const verdict = decideTrust(
      input({ certificate: cert, chain: [cert], pkix, posh: posh(s, cert), pin: pinCheck(pin, cert), acceptedOnce: once }),
    );

    const method = expectedMethod(p, s, pin, once);
    expect(verdict.method).toBe(method);
    // verified only through one of the four methods, and never both verified and undecided.
    expect(verdict.verified).toBe(method !== null);
    if (verdict.verified) {
      expect(verdict.undecided).toBeNull();
    } else {
      expect(verdict.undecided).toBe(expectedReason(p, s, pin));
    }
    expect([...verdict.warnings].sort()).toEqual(expectedWarnings(p, s, pin));

    // The story: domain (authenticated) → SRV answer (not authenticated) → certificate → POSH steps → proof.
    const kinds = verdict.delegation.map((step) => step.kind);
    expect(verdict.delegation[0]).toMatchObject({ kind: 'domain', authenticated: true });
    expect(verdict.delegation[1]).toMatchObject({ kind: 'srv', authenticated: false });
    expect(verdict.delegation[1]?.label).toContain('chat.example.com:5222');
    expect(verdict.delegation[2]?.kind).toBe('certificate');
    expect(kinds.filter((k) => k === 'posh')).toHaveLength(posh(s, cert).steps.length);
    expect(kinds.includes('fingerprint')).toBe(method === 'posh');
    expect(kinds.includes('pin')).toBe(pin !== 'none');

    expect(verdict.summary).toContain('example.com');
    expect(verdict.summary.endsWith('.')).toBe(true);
  });
});
