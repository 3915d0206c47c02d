/**
 * The GS2 header of a SCRAM client-first message and the `c=` attribute of its client-final message
 * (RFC 5802 §6 and §7), for the three answers a client gives about channel binding:
 *
 *   p=<type>  the client binds with <type>; the mechanism is a `-PLUS` one
 *   y         the client could bind but thinks the server cannot (it offered no `-PLUS`): a server that in
 *             fact can then fails the login, which is what catches a `-PLUS` mechanism stripped in transit
 *   n         the client does not bind on this connection
 *
 * No authzid is ever sent (the second field stays empty).
 */
import type { ChannelBindingType } from './channel-binding.js';

export type Gs2Binding =
  | { readonly flag: 'n' }
  | { readonly flag: 'y' }
  | { readonly flag: 'p'; readonly type: ChannelBindingType; readonly data: Uint8Array };

export const NO_BINDING: Gs2Binding = { flag: 'n' };

/** `gs2-cbind-flag "," [authzid] ","` */
export function gs2Header(binding: Gs2Binding): string {
  return binding.flag === 'p' ? `p=${binding.type},,` : `${binding.flag},,`;
}

/** The value of `c=`: base64 of the GS2 header, followed by the binding data when binding (RFC 5802 §7). */
export function channelBindingAttribute(binding: Gs2Binding): string {
  const header = Buffer.from(gs2Header(binding), 'utf8');
  const data = binding.flag === 'p' ? Buffer.from(binding.data) : Buffer.alloc(0);
  return Buffer.concat([header, data]).toString('base64');
}
