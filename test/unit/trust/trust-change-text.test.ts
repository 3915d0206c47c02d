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

describe('confirmationText for trusting an OMEMO device', () => {
  const change = { kind: 'trust-device', account: 'alice@example.org', jid: 'bob@example.org', deviceId: 4242, fingerprint: '05ab12cd 00000000 11111111 22222222 33333333 44444444 55555555 66666666' } as const;

  it('verifying names the device and its whole fingerprint, and says to compare it with what the contact showed', () => {
    const text = confirmationText({ ...change, trust: 'verified' });
    expect(text.title).toBe('Mark this device as verified?');
    expect(text.message).toContain('bob@example.org');
    expect(text.detail).toContain('Device: 4242');
    expect(text.detail).toContain(`Fingerprint: ${change.fingerprint}`);
    expect(text.detail).toContain('exactly the one bob@example.org showed you');
    expect(text.confirm).toBe('Mark as verified');
  });

  it('trusting without verifying says who could read the messages', () => {
    const text = confirmationText({ ...change, trust: 'blind' });
    expect(text.title).toBe('Encrypt to this device?');
    expect(text.detail).toContain('Whoever holds this device will be able to read what you send');
    expect(text.detail).toContain(`Fingerprint: ${change.fingerprint}`);
    expect(text.confirm).toBe('Trust without verifying');
  });
});

describe('confirmationText for stopping encryption in a conversation (issue 15)', () => {
  it('names both accounts, says who can then read the messages, and that it can be turned back on', () => {
    const text = confirmationText({ kind: 'send-unencrypted', account: 'alice@example.org', jid: 'bob@example.org' });
    expect(text.title).toBe('Stop encrypting this conversation?');
    expect(text.message).toContain('bob@example.org');
    expect(text.detail).toContain('from alice@example.org to bob@example.org');
    expect(text.detail).toContain('anyone who can read those servers can read them');
    expect(text.detail).toContain('a correction of an encrypted message stays encrypted');
    expect(text.confirm).toBe('Send unencrypted');
  });
});
