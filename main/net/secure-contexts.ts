/**
 * One TLS secure context per set of trusted roots, built once and reused by every connection that trusts that
 * set, XMPP and POSH alike. Building one parses every root (about 145 from the system store): tens of
 * milliseconds of blocked event loop, which `tls.connect({ ca })` paid again for each connection, on the
 * critical path of every login (on STARTTLS between <proceed/> and the ClientHello).
 *
 * A set is known by its contents (a digest of its PEMs), so the user's added authorities count as soon as the
 * roots passed in change, and a removed one is in no context used afterwards. Only the roots and the lowest
 * TLS version live in the context; names, SNI, ALPN and the chain verdict stay per connection.
 */
import { createHash } from 'node:crypto';
import tls, { type SecureContext } from 'node:tls';

/** The context for these roots (built on first use). */
export type SecureContexts = (ca: readonly string[]) => SecureContext;

/** Every connection refuses anything older (posh.md §7.3: TLS 1.2 or later, as before). */
export const MIN_TLS_VERSION = 'TLSv1.2';

/** `keep`: how many root sets to remember (the user adding and removing authorities makes new ones). */
export function createSecureContexts(options: { readonly keep?: number } = {}): SecureContexts {
  const keep = options.keep ?? 4;
  // The same array (the base roots, when the user added none) skips even the digest.
  const byList = new WeakMap<readonly string[], SecureContext>();
  const byDigest = new Map<string, SecureContext>();
  return (ca) => {
    const known = byList.get(ca);
    if (known) return known;
    const hash = createHash('sha256');
    for (const pem of ca) hash.update(pem).update('\0');
    const digest = hash.digest('hex');
    const context = byDigest.get(digest) ?? tls.createSecureContext({ ca: [...ca], minVersion: MIN_TLS_VERSION });
    // Most recently used last; the oldest set goes first.
    byDigest.delete(digest);
    byDigest.set(digest, context);
    for (const oldest of byDigest.keys()) {
      if (byDigest.size <= keep) break;
      byDigest.delete(oldest);
    }
    byList.set(ca, context);
    return context;
  };
}
