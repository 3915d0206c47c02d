/**
 * The command line's two reports of one verdict: the JSON (a published interface: README's `check --json`
 * table) and the plain-text story. Both are fed the real engine's verdicts, so they are tested against what
 * `check` really prints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFailureJson, checkReportJson } from '../../../main/cli/report-json.js';
import { checkFailureText, checkReportText } from '../../../main/cli/report-text.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import { HOSTING_CERT, PKIX_CHAIN_ONLY, PKIX_NONE, SELF_SIGNED_HOSTING_CERT, certificate, input, pinMatch, posh } from '../trust/verdict-fixtures.js';

const poshVerdict = decideTrust(input({ certificate: HOSTING_CERT, pkix: PKIX_CHAIN_ONLY, posh: posh('verified', HOSTING_CERT) }));
const pinVerdict = decideTrust(
  input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, posh: posh('absent', SELF_SIGNED_HOSTING_CERT), pin: pinMatch(SELF_SIGNED_HOSTING_CERT) }),
);
const undecided = decideTrust(input({ certificate: HOSTING_CERT, pkix: PKIX_CHAIN_ONLY, posh: posh('absent', HOSTING_CERT) }));

/** The field names in README's `check --json` table, in its order. */
function readmeJsonFields(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf('`check --json` prints one object with these fields:'));
  const rows = table.split('\n').filter((line) => /^\| `[a-zA-Z]+` \|/.test(line));
  return rows.map((line) => /^\| `([a-zA-Z]+)`/.exec(line)![1]!);
}

describe('check --json', () => {
  it('has exactly the top-level fields README documents, in its order', () => {
    const report = JSON.parse(JSON.stringify(checkReportJson(poshVerdict))) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(readmeJsonFields());
  });

  it('carries the verdict unchanged: outcome, warnings, summary and every delegation step', () => {
    const report = checkReportJson(poshVerdict);
    expect(report.verdict).toEqual({ verified: true, method: 'posh', undecided: null, warnings: ['delegated-host'], summary: poshVerdict.summary });
    expect(report.delegation).toEqual(poshVerdict.delegation);
    expect(report.connected).toEqual(poshVerdict.endpoint);
    expect(report.pkix).toEqual(poshVerdict.pkix);
    expect(report.posh).toMatchObject({ status: 'verified', match: poshVerdict.posh.match, steps: poshVerdict.posh.steps });
    expect(report.certificate).toEqual({
      subject: HOSTING_CERT.subject,
      issuer: HOSTING_CERT.issuer,
      names: HOSTING_CERT.names,
      notBefore: HOSTING_CERT.notBefore,
      notAfter: HOSTING_CERT.notAfter,
      sha256: HOSTING_CERT.sha256,
      spkiSha256: HOSTING_CERT.spkiSha256,
      selfIssued: false,
    });
    expect(report.checkedAt).toBe(poshVerdict.checkedAt);
  });

  it('names the pin it matched, and says why an unverified server was not trusted', () => {
    expect(checkReportJson(pinVerdict).pin).toEqual({
      status: 'match',
      spkiSha256: SELF_SIGNED_HOSTING_CERT.spkiSha256,
      approvedAt: '2025-03-04T10:00:00.000Z',
    });
    expect(checkReportJson(undecided).pin).toEqual({ status: 'none', spkiSha256: null, approvedAt: null });
    expect(checkReportJson(undecided).verdict).toMatchObject({ verified: false, method: null, undecided: 'delegated-host' });
  });

  it('when no verdict was reached: domain, error and an unverified verdict that says why', () => {
    const failure = checkFailureJson('example.com', { kind: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(failure).toEqual({
      domain: 'example.com',
      service: 'xmpp-client',
      error: { kind: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      verdict: { verified: false, method: null, warnings: [], summary: 'Could not check example.com: connect ECONNREFUSED 127.0.0.1:1' },
    });
    expect(checkFailureText(failure)).toBe('NOT VERIFIED  Could not check example.com: connect ECONNREFUSED 127.0.0.1:1');
  });
});

describe('the plain-text report', () => {
  it('leads with the verdict and its proof, then the steps, with DNS marked as not authenticated', () => {
    const text = checkReportText(poshVerdict).split('\n');
    expect(text[0]).toBe(`VERIFIED  ${poshVerdict.summary}`);
    expect(text[1]).toBe('  Proof: the domain published a POSH statement naming this certificate.');
    expect(text[2]).toBe('  Warnings: delegated-host');
    expect(text).toContain(`  2. ${poshVerdict.delegation[1]!.label}  (not authenticated)`);
    expect(text).toContain('  Names:     DNS:hosting.example.net');
  });

  it('says why an unverified server was not trusted', () => {
    const text = checkReportText(undecided).split('\n');
    expect(text[0]).toBe(`NOT VERIFIED  ${undecided.summary}`);
    expect(text[1]).toContain('Reason: delegated-host.');
  });

  it('escapes control and bidi characters from the network and falls back to the common name', () => {
    const hostile = certificate({ names: { dns: [], srv: [], xmppAddr: [], commonNames: ['evil\u202Etxt.example\u001b[2J'] } });
    const verdict = decideTrust(input({ certificate: hostile, pkix: PKIX_NONE }));
    const text = checkReportText(verdict);
    expect(text.includes('\u001b') || text.includes('\u202e')).toBe(false);
    expect(text).toContain('  Names:     (none; common name evil\\u202etxt.example\\u001b[2J)');
  });
});
