import { describe, expect, it } from 'vitest';
import type { MechanismName } from '../../../../main/xmpp/sasl/mechanism.js';
import type { TrustMethod } from '../../../../app/domain/trust.js';
import { withoutChannelBinding } from '../../../../app/domain/sasl-mechanism.js';
import type { ChannelBindingType } from '../../../../main/xmpp/sasl/channel-binding.js';
import { chooseMechanism, type MechanismOffer, type MechanismRefusal, type RememberedMechanism } from '../../../../main/xmpp/sasl/select.js';

/** An offer on a connection that cannot bind (the table below is about mechanisms, not binding). */
const offer = (fields: Pick<MechanismOffer, 'offered' | 'serverProof' | 'previouslySucceeded'> & Partial<MechanismOffer>): MechanismOffer => ({
  channelBindings: null,
  availableBindings: [],
  ...fields,
});

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
  // Nothing we support. -PLUS variants need binding data this (table's) connection does not give.
  [[], 'pkix', null, 'none-supported'],
  [['DIGEST-MD5', 'CRAM-MD5', 'ANONYMOUS'], 'pkix', null, 'none-supported'],
  [['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS'], 'pkix', null, 'none-supported'],
  [['SCRAM-SHA-256-PLUS'], 'pkix', 'SCRAM-SHA-256', 'none-supported'],
  [['SCRAM-SHA-512'], 'pkix', null, 'SCRAM-SHA-512'],
  [['SCRAM-SHA-1', 'SCRAM-SHA-512', 'SCRAM-SHA-256'], 'pkix', null, 'SCRAM-SHA-512'],
  // Names are case-sensitive upper-case tokens (RFC 4422): a lower-case "plain" is not PLAIN.
  [['scram-sha-256', 'plain'], 'pkix', null, 'none-supported'],
];

describe('chooseMechanism', () => {
  it.each(TABLE)('offered %j, server proven by %s, before %s → %s', (offered, serverProof, previouslySucceeded, expected) => {
    const choice = chooseMechanism(offer({ offered, serverProof, previouslySucceeded }));
    expect(choice.ok ? choice.mechanism : choice.reason).toBe(expected);
    if (!choice.ok) expect(choice.message.length).toBeGreaterThan(0);
  });

  it('ignores whitespace around the mechanism text', () => {
    const choice = chooseMechanism(offer({ offered: ['\n  SCRAM-SHA-1\n', ' PLAIN '], serverProof: 'pkix', previouslySucceeded: null }));
    expect(choice).toMatchObject({ ok: true, mechanism: 'SCRAM-SHA-1' });
  });

  it('reports SCRAM-SHA-256 → SCRAM-SHA-1 as a warning', () => {
    const choice = chooseMechanism(offer({ offered: ['SCRAM-SHA-1', 'PLAIN'], serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-256' }));
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
    const choice = chooseMechanism(offer({ offered: [...offered], serverProof: 'pkix', previouslySucceeded }));
    expect(choice).toMatchObject({ ok: true, warning: null });
  });

  it('says in the downgrade message which mechanism the account used before', () => {
    const choice = chooseMechanism(offer({ offered: ['PLAIN'], serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-1' }));
    expect(choice).toMatchObject({ ok: false, reason: 'downgrade' });
    if (!choice.ok) expect(choice.message).toContain('SCRAM-SHA-1');
  });

  it('mentions channel binding when the server offers -PLUS variants we cannot use', () => {
    const choice = chooseMechanism(offer({ offered: ['SCRAM-SHA-256-PLUS'], serverProof: 'pkix', previouslySucceeded: null }));
    expect(choice).toMatchObject({ ok: false, reason: 'none-supported' });
    if (!choice.ok) expect(choice.message).toContain('-PLUS');
  });

  it('lists only well-formed mechanism names from the offer in its message', () => {
    const choice = chooseMechanism(offer({ offered: ['GSSAPI', '<b>evil</b>', 'X'.repeat(200)], serverProof: 'pkix', previouslySucceeded: null }));
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.message).toContain('GSSAPI');
    expect(choice.message).not.toContain('<b>');
    expect(choice.message).not.toContain('X'.repeat(21));
  });
});

/** What this client can bind with on each TLS version (channel-binding.ts), preferred first. */
const TLS13: readonly ChannelBindingType[] = ['tls-exporter', 'tls-server-end-point'];
const TLS12: readonly ChannelBindingType[] = ['tls-server-end-point', 'tls-unique'];
const PLUS_AND_PLAIN = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1', 'PLAIN'];

type BindingExpected = readonly [MechanismName, 'p' | 'y' | 'n', ChannelBindingType | null] | MechanismRefusal | 'binding-lost';

/**
 * posh.md §7.5 and RFC 5802 §6 as a table: offered, what this connection can bind with, the server's XEP-0440
 * list (null: none), mechanism that succeeded before → [mechanism, gs2 flag, type] or the refusal.
 */
const BINDING_TABLE: ReadonlyArray<readonly [string, string[], readonly ChannelBindingType[], string[] | null, RememberedMechanism | null, BindingExpected]> = [
  // A declared list decides the type: tls-exporter on TLS 1.3 first, then tls-server-end-point.
  ['TLS 1.3, both declared', PLUS_AND_PLAIN, TLS13, ['tls-server-end-point', 'tls-exporter'], null, ['SCRAM-SHA-256-PLUS', 'p', 'tls-exporter']],
  ['TLS 1.3, only end-point declared', PLUS_AND_PLAIN, TLS13, ['tls-server-end-point'], null, ['SCRAM-SHA-256-PLUS', 'p', 'tls-server-end-point']],
  ['TLS 1.2, only tls-unique declared', PLUS_AND_PLAIN, TLS12, ['tls-unique'], null, ['SCRAM-SHA-256-PLUS', 'p', 'tls-unique']],
  ['TLS 1.2, end-point and exporter declared', PLUS_AND_PLAIN, TLS12, ['tls-exporter', 'tls-server-end-point'], null, ['SCRAM-SHA-256-PLUS', 'p', 'tls-server-end-point']],
  ['strongest -PLUS first', ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512-PLUS', 'SCRAM-SHA-512'], TLS13, ['tls-exporter'], null, ['SCRAM-SHA-512-PLUS', 'p', 'tls-exporter']],
  ['SHA-1-PLUS beats unbound SHA-512', ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512'], TLS13, ['tls-exporter'], null, ['SCRAM-SHA-1-PLUS', 'p', 'tls-exporter']],
  // No list: tls-unique on TLS 1.2 (SCRAM's default); on TLS 1.3 no guess: unbound with n.
  ['TLS 1.2, no list', PLUS_AND_PLAIN, TLS12, null, null, ['SCRAM-SHA-256-PLUS', 'p', 'tls-unique']],
  ['TLS 1.3, no list', PLUS_AND_PLAIN, TLS13, null, null, ['SCRAM-SHA-256', 'n', null]],
  ['TLS 1.3, no list, bound before', PLUS_AND_PLAIN, TLS13, null, 'SCRAM-SHA-256-PLUS', 'binding-lost'],
  ['TLS 1.3, no list, unbound before', PLUS_AND_PLAIN, TLS13, null, 'SCRAM-SHA-256', ['SCRAM-SHA-256', 'n', null]],
  // Declared types this connection cannot give: unbound with n (y would make the server refuse).
  ['TLS 1.3, only tls-unique declared', PLUS_AND_PLAIN, TLS13, ['tls-unique'], null, ['SCRAM-SHA-256', 'n', null]],
  ['unknown types declared', PLUS_AND_PLAIN, TLS13, ['tls-foo'], 'SCRAM-SHA-1-PLUS', 'binding-lost'],
  // No -PLUS offered though we could bind: y, so a server that can bind refuses a stripped offer.
  ['no -PLUS offered, TLS 1.3', ['SCRAM-SHA-256', 'PLAIN'], TLS13, null, null, ['SCRAM-SHA-256', 'y', null]],
  ['no -PLUS offered, TLS 1.2', ['SCRAM-SHA-1'], TLS12, null, null, ['SCRAM-SHA-1', 'y', null]],
  ['no -PLUS offered, list sent', ['SCRAM-SHA-1'], TLS13, ['tls-exporter'], null, ['SCRAM-SHA-1', 'y', null]],
  ['no -PLUS offered, bound before', ['SCRAM-SHA-256', 'PLAIN'], TLS13, null, 'SCRAM-SHA-256-PLUS', 'binding-lost'],
  ['only PLAIN, bound before', ['PLAIN'], TLS13, null, 'SCRAM-SHA-1-PLUS', 'downgrade'],
  // This connection cannot bind at all: n.
  ['cannot bind', PLUS_AND_PLAIN, [], ['tls-exporter'], null, ['SCRAM-SHA-256', 'n', null]],
  ['cannot bind, no -PLUS', ['SCRAM-SHA-1'], [], null, null, ['SCRAM-SHA-1', 'n', null]],
  ['cannot bind, bound before', PLUS_AND_PLAIN, [], ['tls-exporter'], 'SCRAM-SHA-256-PLUS', 'binding-lost'],
  // Bound before and bound again: a weaker hash is allowed with a warning (below), never refused.
  ['bound before, weaker -PLUS now', ['SCRAM-SHA-1-PLUS'], TLS12, null, 'SCRAM-SHA-256-PLUS', ['SCRAM-SHA-1-PLUS', 'p', 'tls-unique']],
  ['unbound before, bound now', PLUS_AND_PLAIN, TLS12, null, 'SCRAM-SHA-1', ['SCRAM-SHA-256-PLUS', 'p', 'tls-unique']],
  // PLAIN has no binding, and is still only for a proven server.
  ['PLAIN only', ['PLAIN'], TLS13, null, null, ['PLAIN', 'n', null]],
];

describe('chooseMechanism with channel binding', () => {
  it.each(BINDING_TABLE)('%s: offered %j, can bind %j, declared %j, before %s → %j', (_label, offered, availableBindings, channelBindings, previouslySucceeded, expected) => {
    const choice = chooseMechanism({ offered, serverProof: 'pkix', previouslySucceeded, channelBindings, availableBindings });
    if (typeof expected === 'string') {
      expect(choice).toMatchObject({ ok: false, reason: expected });
      return;
    }
    if (!choice.ok) throw new Error(`refused: ${choice.message}`);
    const binding = choice.binding;
    expect([choice.mechanism, binding?.flag ?? 'n', binding?.flag === 'p' ? binding.type : null]).toEqual(expected);
  });

  it('says why the login could not be bound, and with what the user may log in unbound, when an account that was bound is refused', () => {
    const choice = chooseMechanism({ offered: PLUS_AND_PLAIN, serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-256-PLUS', channelBindings: null, availableBindings: TLS13 });
    expect(choice).toMatchObject({ ok: false, reason: 'binding-lost', previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' });
    if (!choice.ok) expect(choice.message).toMatch(/SCRAM-SHA-256-PLUS before, bound to its encrypted connection.*XEP-0440/);
    if (choice.ok === false && choice.reason === 'binding-lost') expect(choice.why).toMatch(/XEP-0440/);
  });

  it('bound before and only PLAIN now is a refusal the user cannot answer, not the channel-binding question', () => {
    const choice = chooseMechanism({ offered: ['PLAIN'], serverProof: 'pin', previouslySucceeded: 'SCRAM-SHA-256-PLUS', channelBindings: null, availableBindings: TLS13 });
    expect(choice).toMatchObject({ ok: false, reason: 'downgrade' });
  });

  it('after the user chose to log in unbound (the unbound mechanism as the baseline), the same offer logs in with n', () => {
    const choice = chooseMechanism({ offered: PLUS_AND_PLAIN, serverProof: 'pin', previouslySucceeded: withoutChannelBinding('SCRAM-SHA-256-PLUS'), channelBindings: null, availableBindings: TLS13 });
    expect(choice).toMatchObject({ ok: true, mechanism: 'SCRAM-SHA-256', binding: { flag: 'n' }, warning: null });
  });

  it('warns when a bound login uses a weaker hash than before', () => {
    const choice = chooseMechanism({ offered: ['SCRAM-SHA-1-PLUS'], serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-256-PLUS', channelBindings: ['tls-exporter'], availableBindings: TLS13 });
    expect(choice).toMatchObject({ ok: true, warning: { kind: 'weaker-than-before', previous: 'SCRAM-SHA-256-PLUS' } });
  });

  it('gives no warning for the same hash bound instead of unbound', () => {
    const choice = chooseMechanism({ offered: ['SCRAM-SHA-256-PLUS'], serverProof: 'pkix', previouslySucceeded: 'SCRAM-SHA-256', channelBindings: ['tls-exporter'], availableBindings: TLS13 });
    expect(choice).toMatchObject({ ok: true, mechanism: 'SCRAM-SHA-256-PLUS', warning: null });
  });
});
