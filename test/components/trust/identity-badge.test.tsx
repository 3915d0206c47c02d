import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrustVerdict } from '../../../app/domain/trust.js';
import { IdentityBadge } from '../../../renderer/src/trust/IdentityBadge.js';
import { HOSTILE_CERT } from '../fixtures/certificates.js';
import {
  ACCEPTED_ONCE_VERDICT,
  DELEGATED_HOST_VERDICT,
  KEY_CHANGED_VERDICT,
  PINNED_VERDICT,
  PKIX_VERDICT,
  POSH_DELEGATED_VERDICT,
  POSH_MISMATCH_VERDICT,
  POSH_SEED_SHA1_VERDICT,
  UNTRUSTED_VERDICT,
} from '../fixtures/verdicts.js';

function badgeFor(verdict: TrustVerdict | null) {
  render(<IdentityBadge verdict={verdict} />);
  return screen.getByTestId('identity-badge');
}

// trust-ux.md's state table: the words and colour of the badge for each state.
describe('<IdentityBadge>', () => {
  it('says "Verified" in green for a certificate an authority issued for the domain', () => {
    const badge = badgeFor(PKIX_VERDICT);
    expect(badge.textContent).toContain('Verified');
    expect(badge.textContent).not.toContain('hosted by');
    expect(badge.className).toContain('badge--green');
    expect(badge.getAttribute('title')).toBe(PKIX_VERDICT.summary);
  });

  it('says who hosts the domain when POSH proved the delegation, naming the certificate host, not the DNS answer', () => {
    const badge = badgeFor(POSH_DELEGATED_VERDICT);
    expect(badge.textContent).toContain('Verified · hosted by hosting.example.net');
    expect(badge.className).toContain('badge--green');
    expect(badge.dataset.state).toBe('verified-delegated');
  });

  it('shows the weaker SHA-1 of the seed format next to the POSH verification', () => {
    const badge = badgeFor(POSH_SEED_SHA1_VERDICT);
    expect(badge.textContent).toContain('hosted by hosting.example.net');
    expect(badge.textContent).toContain('SHA-1, seed format');
  });

  it('says "Pinned by you" with the date in blue for a pinned key', () => {
    const badge = badgeFor(PINNED_VERDICT);
    expect(badge.textContent).toMatch(/Pinned by you \(.*2012.*\)/);
    expect(badge.className).toContain('badge--blue');
  });

  it('does not present a one-time acceptance as verified', () => {
    const badge = badgeFor(ACCEPTED_ONCE_VERDICT);
    expect(badge.textContent).toContain('Not verified');
    expect(badge.className).toContain('badge--amber');
  });

  it.each([
    [DELEGATED_HOST_VERDICT, 'Unverified · delegated host', 'badge--amber'],
    [UNTRUSTED_VERDICT, 'Unverified · untrusted certificate', 'badge--amber'],
    [KEY_CHANGED_VERDICT, 'Key changed', 'badge--red'],
    [POSH_MISMATCH_VERDICT, 'POSH mismatch', 'badge--red'],
  ] as const)('warns for an undecided verdict (%#): %s', (verdict, words, tone) => {
    const badge = badgeFor(verdict);
    expect(badge.textContent).toContain(words);
    expect(badge.className).toContain(tone);
    expect(badge.textContent).not.toMatch(/^Identity: Verified/);
  });

  it('says "Not checked yet" before any verdict', () => {
    expect(badgeFor(null).textContent).toContain('Not checked yet');
  });

  it('is a button that opens the story when asked to be', () => {
    render(<IdentityBadge verdict={PKIX_VERDICT} onOpen={() => undefined} />);
    expect(screen.getByRole('button', { name: /Identity: Verified/ })).toBeTruthy();
  });

  it('shows a hostile certificate host as text', () => {
    const verdict: TrustVerdict = { ...POSH_DELEGATED_VERDICT, certificate: HOSTILE_CERT };
    const badge = badgeFor(verdict);
    expect(badge.textContent).toContain('hosted by evil\u202Etxt.example');
    expect(badge.querySelector('bdi')?.textContent).toContain('evil\u202Etxt.example');
    expect(badge.querySelector('b, img, script')).toBeNull();
  });
});
