/**
 * decideTrust: combines the PKIX, POSH and pin results into one TrustVerdict (posh.md §4-§5, §7.4). Pure: no
 * I/O, no clock of its own. `verified` is true only through PKIX, POSH, a pin or the user's "connect once";
 * a POSH status other than 'verified' never contributes.
 */
import { XMPP_CLIENT_SERVICE, type TrustVerdict } from '../../app/domain/trust.js';
import { buildDelegation } from './delegation.js';
import { summarize } from './summary-text.js';
import { deriveTrustFacts } from './trust-facts.js';
import type { TrustInput } from './trust-input.js';
import { collectWarnings, decideOutcome } from './verdict-rules.js';

export type { TrustInput } from './trust-input.js';

export function decideTrust(input: TrustInput): TrustVerdict {
  const facts = deriveTrustFacts(input);
  const outcome = decideOutcome(facts, input.acceptedOnce);
  const base: Omit<TrustVerdict, 'verified' | 'method' | 'undecided'> = {
    domain: input.domain,
    service: XMPP_CLIENT_SERVICE,
    endpoint: input.endpoint,
    certificate: input.certificate,
    chain: input.chain,
    pkix: input.pkix,
    posh: input.posh,
    pin: input.pin,
    warnings: collectWarnings(facts, outcome),
    delegation: buildDelegation(input, facts, outcome),
    summary: summarize(input, facts, outcome),
    checkedAt: input.now.toISOString(),
  };
  return outcome.verified
    ? { ...base, verified: true, method: outcome.method, undecided: null }
    : { ...base, verified: false, method: null, undecided: outcome.reason };
}
