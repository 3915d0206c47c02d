/**
 * A verdict becomes a trust-log line through one function: the line keeps the outcome and the why (summary,
 * warnings, delegation steps in short) exactly as the verdict had them, and stays within the line limits
 * however long a hostile certificate's names are.
 */
import { describe, expect, it } from 'vitest';
import { trustLogEntryFrom } from '../../../app/domain/trust-log-entry.js';
import { TRUST_LOG_LIMITS } from '../../../app/domain/trust-records.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import { HOSTING_CERT, PKIX_CHAIN_ONLY, certificate, input, posh } from '../trust/verdict-fixtures.js';

const AT = '2025-06-01T12:00:01.000Z';
const ACCOUNT = 'acc-1';

const delegatedByPosh = decideTrust(input({ certificate: HOSTING_CERT, pkix: PKIX_CHAIN_ONLY, posh: posh('verified', HOSTING_CERT) }));
const delegatedWithoutPosh = decideTrust(input({ certificate: HOSTING_CERT, pkix: PKIX_CHAIN_ONLY, posh: posh('absent', HOSTING_CERT) }));

describe('trustLogEntryFrom', () => {
  it('records a POSH verification with the reason it was trusted', () => {
    expect(trustLogEntryFrom(delegatedByPosh, { at: AT, account: ACCOUNT })).toEqual({
      v: 2,
      at: AT,
      account: ACCOUNT,
      kind: 'verification',
      domain: 'example.com',
      host: 'chat.example.com',
      port: 5222,
      certificateSha256: HOSTING_CERT.sha256,
      spkiSha256: HOSTING_CERT.spkiSha256,
      verified: true,
      method: 'posh',
      undecided: null,
      summary: 'example.com delegates its chat service to hosting.example.net (proved by POSH).',
      warnings: ['delegated-host'],
      delegation: delegatedByPosh.delegation.map(({ kind, label, authenticated }) => ({ kind, label, authenticated })),
    });
  });

  it('keeps the steps in short: kind, label and whether anyone vouched for it, not the long detail', () => {
    const entry = trustLogEntryFrom(delegatedByPosh, { at: AT, account: ACCOUNT });
    expect(entry.delegation.map((s) => s.kind)).toEqual(['domain', 'srv', 'certificate', 'posh', 'fingerprint']);
    expect(entry.delegation.find((s) => s.kind === 'srv')).toEqual({ kind: 'srv', label: 'The DNS (SRV) record pointed to chat.example.com:5222', authenticated: false });
    expect(entry.delegation.every((s) => !('detail' in s))).toBe(true);
  });

  it("records the user's decision with the question's outcome and reason", () => {
    const entry = trustLogEntryFrom(delegatedWithoutPosh, { at: AT, account: ACCOUNT, decision: 'pin' });
    expect(entry).toMatchObject({ kind: 'decision', decision: 'pin', verified: false, method: null, undecided: 'delegated-host', warnings: ['delegated-host'] });
    expect(entry.summary).toBe(delegatedWithoutPosh.summary);
    expect(trustLogEntryFrom(delegatedWithoutPosh, { at: AT, account: ACCOUNT })).not.toHaveProperty('decision');
  });

  it('records a login and how it was protected, with the verdict it followed', () => {
    const entry = trustLogEntryFrom(delegatedByPosh, { at: AT, account: ACCOUNT, login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' } });
    expect(entry).toMatchObject({ kind: 'login', login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' }, verified: true, method: 'posh' });
  });

  it('clips text from the network to the line limits, without splitting a character', () => {
    const name = (i: number) => `${'😀'.repeat(500)}${i}.example`;
    const hostile = certificate({ names: { dns: [name(1), name(2), name(3)], srv: [], xmppAddr: [], commonNames: [] } });
    const verdict = decideTrust(input({ certificate: hostile, pkix: PKIX_CHAIN_ONLY }));
    expect(verdict.summary.length).toBeGreaterThan(TRUST_LOG_LIMITS.summary);
    const entry = trustLogEntryFrom(verdict, { at: AT, account: ACCOUNT });
    expect(entry.summary.length).toBeLessThanOrEqual(TRUST_LOG_LIMITS.summary);
    expect(entry.summary.endsWith('…')).toBe(true);
    expect(entry.summary.startsWith(verdict.summary.slice(0, 100))).toBe(true);
    for (const step of entry.delegation) expect(step.label.length).toBeLessThanOrEqual(TRUST_LOG_LIMITS.label);
    // No lone surrogate half: the text round-trips through UTF-8.
    for (const text of [entry.summary, ...entry.delegation.map((s) => s.label)]) expect(new TextDecoder().decode(new TextEncoder().encode(text))).toBe(text);
  });
});
