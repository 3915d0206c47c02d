/**
 * Which channel binding to use on this connection (posh.md §7.5, RFC 5802 §6, XEP-0440):
 *
 *   - The server declared its types (XEP-0440): the first type this connection can give that it declared
 *     (tls-exporter, then tls-server-end-point, then tls-unique; availability per TLS version is in
 *     channel-binding.ts).
 *   - No declaration: tls-unique on TLS 1.2, where it is SCRAM's default (RFC 5802) and what deployed servers
 *     without XEP-0440 implement. On TLS 1.3 no guess at all: servers disagree there (ejabberd before 23.10
 *     applies tls-unique even on TLS 1.3 and rejects a correct tls-exporter), and a failed guess looks exactly
 *     like a wrong password.
 *
 * The gs2 flag follows: `p` when binding; `n` when the server offers `-PLUS` but we cannot bind with a type it
 * is known to accept (a `y` would make such a server refuse us, RFC 5802 §6); `y` when the server offers no
 * `-PLUS` at all although this connection could bind, so a server that does support binding refuses the login
 * and a `-PLUS` stripped on the way is caught; `n` when this connection cannot bind at all.
 */
import type { ChannelBindingType } from './channel-binding.js';

export type BindingDecision =
  | { readonly flag: 'p'; readonly type: ChannelBindingType }
  | { readonly flag: 'y' }
  | { readonly flag: 'n'; readonly why: NoBindingReason };

/** Why a login is not bound, for the message when this is a downgrade. */
export type NoBindingReason =
  | 'undeclared-on-tls13' // -PLUS offered, no XEP-0440 list, and TLS 1.3: we do not guess the type
  | 'no-common-type' // -PLUS offered with an XEP-0440 list, none of whose types this connection has
  | 'cannot-bind'; // this connection gives no binding data at all

export interface BindingOffer {
  /** Whether the server offered at least one `-PLUS` mechanism this client implements. */
  readonly plusOffered: boolean;
  /** The XEP-0440 list as received, or null when the server sent none. */
  readonly declared: readonly string[] | null;
  /** The types this connection can give data for, preferred first (channel-binding.ts). */
  readonly available: readonly ChannelBindingType[];
}

export function chooseBinding(offer: BindingOffer): BindingDecision {
  if (!offer.plusOffered) {
    return offer.available.length > 0 ? { flag: 'y' } : { flag: 'n', why: 'cannot-bind' };
  }
  if (offer.available.length === 0) return { flag: 'n', why: 'cannot-bind' };
  const declared = offer.declared;
  if (declared !== null) {
    const type = offer.available.find((candidate) => declared.includes(candidate));
    return type === undefined ? { flag: 'n', why: 'no-common-type' } : { flag: 'p', type };
  }
  return offer.available.includes('tls-unique') ? { flag: 'p', type: 'tls-unique' } : { flag: 'n', why: 'undeclared-on-tls13' };
}
