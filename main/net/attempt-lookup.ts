/**
 * One DNS cache per connection attempt: the XMPP connection and the POSH lookup of the same attempt ask the
 * same names (a POSH reference usually points at the provider that the SRV records name), and each answer,
 * or the question still on its way, is shared instead of asked again: a round trip less on the path to the
 * verdict. It lives only as long as the attempt, so no answer outlives the records' time to live by more than a
 * connection's set-up, and a failed question is not kept (asking again may succeed).
 */
import type { Address, NameLookup } from './name-lookup.js';

export function lookupForAttempt(lookup: NameLookup): NameLookup {
  const answers = new Map<string, Promise<readonly Address[]>>();
  return (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    const known = answers.get(name);
    if (known) return known;
    const asked = lookup(hostname);
    answers.set(name, asked);
    asked.catch(() => answers.delete(name));
    return asked;
  };
}
