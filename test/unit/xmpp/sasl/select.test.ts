import { describe, expect, it } from 'vitest';
import type { MechanismName } from '../../../../main/xmpp/sasl/mechanism.js';
import { chooseMechanism, type MechanismRefusal } from '../../../../main/xmpp/sasl/select.js';

const ALL = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

type Expected = MechanismName | MechanismRefusal;

/**
 * The policy of posh.md §7.5 and the brief as a table:
 * offered mechanisms, TLS verified?, mechanism that succeeded before → mechanism chosen or refusal reason.
 */
const TABLE: ReadonlyArray<readonly [string[], boolean, MechanismName | null, Expected]> = [
  // Preference: SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN, whatever the server's order.
  [ALL, true, null, 'SCRAM-SHA-256'],
  [['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], true, null, 'SCRAM-SHA-256'],
  [['PLAIN', 'SCRAM-SHA-1'], true, null, 'SCRAM-SHA-1'],
  [['SCRAM-SHA-1'], false, null, 'SCRAM-SHA-1'],
  [['SCRAM-SHA-256'], false, null, 'SCRAM-SHA-256'],
  // PLAIN only over verified TLS.
  [['PLAIN'], true, null, 'PLAIN'],
  [['PLAIN'], false, null, 'plain-not-allowed'],
  [['PLAIN'], true, 'PLAIN', 'PLAIN'],
  [['PLAIN'], false, 'PLAIN', 'plain-not-allowed'],
  // Downgrade from SCRAM to PLAIN is refused, verified TLS or not.
  [['PLAIN'], true, 'SCRAM-SHA-256', 'downgrade'],
  [['PLAIN'], true, 'SCRAM-SHA-1', 'downgrade'],
  [['PLAIN'], false, 'SCRAM-SHA-1', 'downgrade'],
  [['PLAIN', 'SCRAM-SHA-1-PLUS'], true, 'SCRAM-SHA-1', 'downgrade'],
  // SCRAM-SHA-256 → SCRAM-SHA-1 is allowed (and reported, see below); upgrades are fine.
  [['SCRAM-SHA-1', 'PLAIN'], true, 'SCRAM-SHA-256', 'SCRAM-SHA-1'],
  [ALL, true, 'PLAIN', 'SCRAM-SHA-256'],
  [ALL, true, 'SCRAM-SHA-1', 'SCRAM-SHA-256'],
  // Nothing we support. -PLUS variants are ignored (no channel binding yet).
  [[], true, null, 'none-supported'],
  [['DIGEST-MD5', 'CRAM-MD5', 'ANONYMOUS'], true, null, 'none-supported'],
  [['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS'], true, null, 'none-supported'],
  [['SCRAM-SHA-256-PLUS'], true, 'SCRAM-SHA-256', 'none-supported'],
  [['SCRAM-SHA-512'], true, null, 'none-supported'],
  // Names are case-sensitive upper-case tokens (RFC 4422): a lower-case "plain" is not PLAIN.
  [['scram-sha-256', 'plain'], true, null, 'none-supported'],
];

describe('chooseMechanism', () => {
  it.each(TABLE)('offered %j, TLS verified %s, before %s → %s', (offered, tlsVerified, previouslySucceeded, expected) => {
    const choice = chooseMechanism({ offered, tlsVerified, previouslySucceeded });
    expect(choice.ok ? choice.mechanism : choice.reason).toBe(expected);
    if (!choice.ok) expect(choice.message.length).toBeGreaterThan(0);
  });

  it('ignores whitespace around the mechanism text', () => {
    const choice = chooseMechanism({ offered: ['\n  SCRAM-SHA-1\n', ' PLAIN '], tlsVerified: true, previouslySucceeded: null });
    expect(choice).toMatchObject({ ok: true, mechanism: 'SCRAM-SHA-1' });
  });

  it('reports SCRAM-SHA-256 → SCRAM-SHA-1 as a warning', () => {
    const choice = chooseMechanism({ offered: ['SCRAM-SHA-1', 'PLAIN'], tlsVerified: true, previouslySucceeded: 'SCRAM-SHA-256' });
    expect(choice.ok).toBe(true);
    if (!choice.ok) return;
    expect(choice.warning?.kind).toBe('weaker-than-before');
    expect(choice.warning?.previous).toBe('SCRAM-SHA-256');
    expect(choice.warning?.message).toContain('SCRAM-SHA-1');
  });

  it.each([
    [ALL, null],
    [ALL, 'SCRAM-SHA-256'],
    [['SCRAM-SHA-1'], 'SCRAM-SHA-1'],
    [['SCRAM-SHA-1'], 'PLAIN'],
    [['PLAIN'], 'PLAIN'],
  ] as const)('gives no warning for offered %j when %s succeeded before', (offered, previouslySucceeded) => {
    const choice = chooseMechanism({ offered: [...offered], tlsVerified: true, previouslySucceeded });
    expect(choice).toMatchObject({ ok: true, warning: null });
  });

  it('says in the downgrade message which mechanism the account used before', () => {
    const choice = chooseMechanism({ offered: ['PLAIN'], tlsVerified: true, previouslySucceeded: 'SCRAM-SHA-1' });
    expect(choice).toMatchObject({ ok: false, reason: 'downgrade' });
    if (!choice.ok) expect(choice.message).toContain('SCRAM-SHA-1');
  });

  it('mentions channel binding when the server offers -PLUS variants we cannot use', () => {
    const choice = chooseMechanism({ offered: ['SCRAM-SHA-256-PLUS'], tlsVerified: true, previouslySucceeded: null });
    expect(choice).toMatchObject({ ok: false, reason: 'none-supported' });
    if (!choice.ok) expect(choice.message).toContain('-PLUS');
  });

  it('lists only well-formed mechanism names from the offer in its message', () => {
    const choice = chooseMechanism({ offered: ['GSSAPI', '<b>evil</b>', 'X'.repeat(200)], tlsVerified: true, previouslySucceeded: null });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.message).toContain('GSSAPI');
    expect(choice.message).not.toContain('<b>');
    expect(choice.message).not.toContain('X'.repeat(21));
  });
});
