import { describe, expect, it } from 'vitest';
import type { MechanismName } from '../../../../main/xmpp/sasl/mechanism.js';
import type { TrustMethod } from '../../../../app/domain/trust.js';
import { chooseMechanism, type MechanismRefusal, type RememberedMechanism } from '../../../../main/xmpp/sasl/select.js';

const ALL = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

type Expected = MechanismName | MechanismRefusal;

/**
 * The policy of posh.md §7.5 and the brief as a table:
 * offered mechanisms, the verdict's method, mechanism that succeeded before → mechanism chosen or refusal reason.
 */
const TABLE: ReadonlyArray<readonly [string[], TrustMethod, RememberedMechanism | null, Expected]> = [
  // Preference: SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN, whatever the server's order.
  [ALL, 'pkix', null, 'SCRAM-SHA-256'],
  [['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], 'pkix', null, 'SCRAM-SHA-256'],
  [['PLAIN', 'SCRAM-SHA-1'], 'pkix', null, 'SCRAM-SHA-1'],
  [['SCRAM-SHA-1'], 'accepted-once', null, 'SCRAM-SHA-1'],
  [['SCRAM-SHA-256'], 'accepted-once', null, 'SCRAM-SHA-256'],
  // PLAIN only over TLS whose server was proven (PKIX, POSH, pin); the user's one-time acceptance is no proof.
  [['PLAIN'], 'pkix', null, 'PLAIN'],
  [['PLAIN'], 'accepted-once', null, 'plain-not-allowed'],
  [['PLAIN'], 'pkix', 'PLAIN', 'PLAIN'],
  [['PLAIN'], 'posh', null, 'PLAIN'],
  [['PLAIN'], 'pin', null, 'PLAIN'],
  [['PLAIN'], 'pin', 'PLAIN', 'PLAIN'],
  [['PLAIN'], 'accepted-once', 'PLAIN', 'plain-not-allowed'],
  // Downgrade from SCRAM to PLAIN is refused, verified TLS or not.
  [['PLAIN'], 'pkix', 'SCRAM-SHA-256', 'downgrade'],
  [['PLAIN'], 'pkix', 'SCRAM-SHA-1', 'downgrade'],
  [['PLAIN'], 'accepted-once', 'SCRAM-SHA-1', 'downgrade'],
  [['PLAIN', 'SCRAM-SHA-1-PLUS'], 'pkix', 'SCRAM-SHA-1', 'downgrade'],
  // A damaged login memory means "SCRAM required" for every account: PLAIN is refused even when proven.
  [['PLAIN'], 'pkix', 'scram-required', 'downgrade'],
  [['PLAIN'], 'pin', 'scram-required', 'downgrade'],
  [['SCRAM-SHA-1', 'PLAIN'], 'pkix', 'scram-required', 'SCRAM-SHA-1'],
  [ALL, 'accepted-once', 'scram-required', 'SCRAM-SHA-256'],
  // SCRAM-SHA-256 → SCRAM-SHA-1 is allowed (and reported, see below); upgrades are fine.
  [['SCRAM-SHA-1', 'PLAIN'], 'pkix', 'SCRAM-SHA-256', 'SCRAM-SHA-1'],
  [ALL, 'pkix', 'PLAIN', 'SCRAM-SHA-256'],
  [ALL, 'pkix', 'SCRAM-SHA-1', 'SCRAM-SHA-256'],
  // Nothing we support. -PLUS variants are ignored (no channel binding yet).
  [[], 'pkix', null, 'none-supported'],
  [['DIGEST-MD5', 'CRAM-MD5', 'ANONYMOUS'], 'pkix', null, 'none-supported'],
  [['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS'], 'pkix', null, 'none-supported'],
  [['SCRAM-SHA-256-PLUS'], 'pkix', 'SCRAM-SHA-256', 'none-supported'],
  [['SCRAM-SHA-512'], 'pkix', null, 'none-supported'],
  // Names are case-sensitive upper-case tokens (RFC 4422): a lower-case "plain" is not PLAIN.
  [['scram-sha-256', 'plain'], 'pkix', null, 'none-supported'],
];

describe('chooseMechanism', () => {
  it.each(TABLE)('offered %j, server proven by %s, before %s → %s', (offered, serverProof, previouslySucceeded, expected) => {
    const choice = chooseMechanism({ offered, serverProof, previouslySucceeded });
    expect(choice.ok ? choice.mechanism : choice.reason).toBe(expected);
    if (!choice.ok) expect(choice.message.length).toBeGreaterThan(0);
  });

  it('ignores whitespace around the mechanism text', () => {
    const choice = chooseMechanism({ offered: ['\n  SCRAM-SHA-1\n', ' PLAIN '], serverProof: 'pkix', previouslySucceeded: null });
    expect(choice).toMatchObject({ ok: true, mechanism: 'SCRAM-SHA-1' });
  });

  it('reports SCRAM-SHA-256 → SCRAM-SHA-1 as a warning', () => {
    const choice = chooseMechanism({ offered: ['SCRAM-SHA-1', 'PLAIN'], serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-256' });
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
    const choice = chooseMechanism({ offered: [...offered], serverProof: 'pkix', previouslySucceeded });
    expect(choice).toMatchObject({ ok: true, warning: null });
  });

  it('says in the downgrade message which mechanism the account used before', () => {
    const choice = chooseMechanism({ offered: ['PLAIN'], serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-1' });
    expect(choice).toMatchObject({ ok: false, reason: 'downgrade' });
    if (!choice.ok) expect(choice.message).toContain('SCRAM-SHA-1');
  });

  it('mentions channel binding when the server offers -PLUS variants we cannot use', () => {
    const choice = chooseMechanism({ offered: ['SCRAM-SHA-256-PLUS'], serverProof: 'pkix', previouslySucceeded: null });
    expect(choice).toMatchObject({ ok: false, reason: 'none-supported' });
    if (!choice.ok) expect(choice.message).toContain('-PLUS');
  });

  it('lists only well-formed mechanism names from the offer in its message', () => {
    const choice = chooseMechanism({ offered: ['GSSAPI', '<b>evil</b>', 'X'.repeat(200)], serverProof: 'pkix', previouslySucceeded: null });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.message).toContain('GSSAPI');
    expect(choice.message).not.toContain('<b>');
    expect(choice.message).not.toContain('X'.repeat(21));
  });
});
