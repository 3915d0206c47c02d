/**
 * IP literals among host names (a configured server or an SRV target may be an address). Names are converted
 * to A-labels by the one address model, app/domain/address/domain-name.ts.
 */
import { isIP } from 'node:net';

/** An IP literal (brackets around IPv6 allowed) with its family, or null for anything else. */
export function ipLiteral(host: string): { readonly address: string; readonly family: 4 | 6 } | null {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family === 4 || family === 6 ? { address: bare, family } : null;
}
