/**
 * Which IP addresses belong to the user's own network rather than the internet. A hostile domain must not
 * make Hostproof connect there on its behalf (POSH redirects and references: posh.md §3, "no probing of the
 * user's network"), so every such address is named here with the reason shown to the user.
 */
import { BlockList, isIP } from 'node:net';

export type InternalAddressKind = 'unspecified' | 'loopback' | 'link-local' | 'private' | 'shared';

const RANGES: readonly (readonly [InternalAddressKind, string, number, 'ipv4' | 'ipv6'])[] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'], // "this network" (RFC 791/1122)
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'], // RFC 1918
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['shared', '100.64.0.0', 10, 'ipv4'], // RFC 6598, carrier-grade NAT
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'], // RFC 4193 unique local
  ['private', 'fec0::', 10, 'ipv6'], // deprecated site-local, still routed inside some networks
];

const LABELS: Record<InternalAddressKind, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address (this computer)',
  'link-local': 'a link-local address',
  private: 'a private network address',
  shared: 'a shared (carrier-grade NAT) address',
};

/** A checker built once per caller (no module-level state): `kindOf('10.1.2.3') === 'private'`. */
export function createAddressPolicy(): { kindOf(address: string): InternalAddressKind | null } {
  const lists = new Map<InternalAddressKind, BlockList>();
  for (const [kind, network, prefix, type] of RANGES) {
    const list = lists.get(kind) ?? new BlockList();
    list.addSubnet(network, prefix, type);
    lists.set(kind, list);
  }
  return {
    kindOf(input) {
      const address = input.replace(/%.*$/, ''); // a zone index (fe80::1%eth0) names an interface, not a network
      const family = isIP(address);
      if (family === 0) return null;
      // An IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) form reaches the IPv4 address.
      const v4 = family === 6 ? embeddedIpv4(address) : null;
      const [text, type] = v4 !== null ? [v4, 'ipv4' as const] : [address, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
      for (const [kind, list] of lists) if (list.check(text, type)) return kind;
      return null;
    },
  };
}

export function describeInternalAddress(kind: InternalAddressKind): string {
  return LABELS[kind];
}

/** The IPv4 address inside ::ffff:0:0/96 or ::/96 (not :: and ::1 themselves), in dotted form. */
function embeddedIpv4(address: string): string | null {
  // The URL parser normalises any IPv6 spelling (zero runs, dotted tails) to compressed hex.
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const match = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (match === null) return null;
  const high = parseInt(match[1]!, 16);
  const low = parseInt(match[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
