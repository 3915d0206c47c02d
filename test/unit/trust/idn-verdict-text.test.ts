/**
 * An IDN in the verdict's words: people read the domain as they wrote it (U-labels); where a sentence is about
 * a certificate, which names domains only in A-labels, the A-label stands beside it.
 */
import { describe, expect, it } from 'vitest';
import { decideTrust } from '../../../main/trust/verdict.js';
import { HOSTING_CERT, PKIX_CHAIN_ONLY, input, posh } from './verdict-fixtures.js';

const IDN = 'xn--kln-sna.test';

describe('verdict text for an IDN', () => {
  it('a POSH delegation names the domain in U-labels and says how DNS and certificates write it', () => {
    const verdict = decideTrust(
      input({ domain: IDN, certificate: HOSTING_CERT, chain: [HOSTING_CERT], pkix: PKIX_CHAIN_ONLY, posh: posh('verified', HOSTING_CERT, { domain: IDN }) }),
    );
    expect(verdict).toMatchObject({ verified: true, method: 'posh', domain: IDN });
    expect(verdict.summary).toMatch(/^köln\.test delegates its chat service to /);
    const [domainStep] = verdict.delegation;
    expect(domainStep).toMatchObject({ kind: 'domain', label: "Your account's domain: köln.test" });
    expect(domainStep?.detail).toContain(`Written ${IDN} in DNS and certificates.`);
    const certificate = verdict.delegation.find((step) => step.kind === 'certificate');
    expect(certificate?.detail).toContain(`It does not name köln.test (${IDN}).`);
  });

  it('an ASCII domain reads exactly as before', () => {
    const verdict = decideTrust(input({ certificate: HOSTING_CERT, chain: [HOSTING_CERT], pkix: PKIX_CHAIN_ONLY, posh: posh('absent', HOSTING_CERT) }));
    expect(verdict.delegation[0]?.detail).not.toContain('Written');
    expect(verdict.delegation.find((step) => step.kind === 'certificate')?.detail).toContain('It does not name example.com.');
  });
});
