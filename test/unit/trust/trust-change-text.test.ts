/**
 * The main process's own confirmation for a pin typed in from a published fingerprint: it is the last word on
 * the change, so it names the domain and the fingerprint, and for a replacement the pin it removes, including
 * one that no server has presented yet.
 */
import { describe, expect, it } from 'vitest';
import { groupFingerprint } from '../../../app/domain/fingerprint-groups.js';
import { confirmationText } from '../../../main/trust/trust-change-text.js';
import { DOMAIN_CERT } from './verdict-fixtures.js';

const KEY = 'A'.repeat(43) + '=';

describe('confirmationText for a pin from a published fingerprint', () => {
  it('names the domain and the key, and says no connection has shown it', () => {
    const text = confirmationText({ kind: 'pin-published', domain: 'xn--bcher-kva.test', spkiSha256: KEY, replaces: null });
    expect(text.title).toBe('Pin a published key?');
    expect(text.message).toContain('xn--bcher-kva.test');
    expect(text.detail).toContain(groupFingerprint(KEY));
    expect(text.detail).toContain('even before any connection has shown it');
    expect(text.detail).not.toContain('to be removed');
    expect(text.confirm).toBe('Pin this key');
  });

  it('shows the pin it replaces, with or without a certificate', () => {
    const withCertificate = confirmationText({
      kind: 'pin-published',
      domain: 'example.com',
      spkiSha256: KEY,
      replaces: { spkiSha256: DOMAIN_CERT.spkiSha256, certificate: DOMAIN_CERT },
    });
    expect(withCertificate.detail).toContain('The pinned key (to be removed):');
    expect(withCertificate.detail).toContain(groupFingerprint(DOMAIN_CERT.sha256));
    const published = confirmationText({ kind: 'pin-published', domain: 'example.com', spkiSha256: KEY, replaces: { spkiSha256: DOMAIN_CERT.spkiSha256, certificate: null } });
    expect(published.detail).toContain('none seen yet (pinned from a published fingerprint)');
    expect(published.detail).toContain(groupFingerprint(DOMAIN_CERT.spkiSha256));
  });
});

describe('confirmationText for logging in without channel binding', () => {
  it('names the domain, both mechanisms, the possible downgrade attack, and what is remembered', () => {
    const text = confirmationText({ kind: 'unbound-login', domain: 'xn--bcher-kva.test', previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' });
    expect(text.title).toBe('Log in without channel binding?');
    expect(text.message).toContain('xn--bcher-kva.test');
    expect(text.detail).toContain('SCRAM-SHA-256-PLUS');
    expect(text.detail).toContain('log in with SCRAM-SHA-256.');
    expect(text.detail).toContain('a downgrade attack');
    expect(text.detail).toContain('stops asking until the account logs in bound again');
    expect(text.confirm).toBe('Log in without channel binding');
  });
});
