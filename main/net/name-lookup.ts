/**
 * How every part of Hostproof turns a host name into addresses: one injectable function, so POSH's HTTPS
 * requests, the XMPP connection and the tests all resolve the same way. Overrides (`--resolve name:address`)
 * win; then a configured DNS server (`--dns host:port`); otherwise the system resolver.
 */
import dns from 'node:dns';
import net from 'node:net';

export interface Address {
  readonly address: string;
  readonly family: 4 | 6;
  /** The user fixed this answer by hand (`--resolve`): a choice no remote party made, so policy exempts it. */
  readonly mappedByHand?: boolean;
}

export type NameLookup = (hostname: string) => Promise<readonly Address[]>;

/** One SRV answer, as node:dns reports it. */
export interface SrvAnswer {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

/** The subset of dns.promises.Resolver that Hostproof uses (SRV for XMPP, A/AAAA for addresses). */
export interface DnsQueries {
  resolveSrv(name: string): Promise<SrvAnswer[]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

export function createDnsResolver(server?: string): DnsQueries {
  const resolver = new dns.promises.Resolver({ timeout: 3000, tries: 2 });
  if (server) resolver.setServers([server]);
  return resolver;
}

export interface NameLookupOptions {
  /** Fixed answers: name (lower case) → addresses. */
  readonly overrides?: ReadonlyMap<string, readonly Address[]>;
  /** When set, addresses come from this resolver instead of the operating system. */
  readonly resolver?: DnsQueries;
}

export function createNameLookup(options: NameLookupOptions = {}): NameLookup {
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    const family = net.isIP(name);
    if (family) return [{ address: name, family: family as 4 | 6 }];
    const fixed = options.overrides?.get(name);
    if (fixed) return fixed.map((a) => ({ ...a, mappedByHand: true }));
    if (options.resolver) {
      const [v4, v6] = await Promise.allSettled([options.resolver.resolve4(name), options.resolver.resolve6(name)]);
      const addresses: Address[] = [
        ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
        ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
      ];
      if (addresses.length === 0) {
        const reason = v4.status === 'rejected' ? (v4.reason as Error).message : 'no A or AAAA records';
        throw new Error(`Could not resolve ${name}: ${reason}`);
      }
      return addresses;
    }
    const found = await dns.promises.lookup(name, { all: true, verbatim: true });
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  };
}

/** `--connect-to host:port:host2:port2` (curl's semantics; empty fields match or keep anything). */
export interface ConnectToRule {
  readonly fromHost: string;
  readonly fromPort: number | null;
  readonly toHost: string;
  readonly toPort: number | null;
}

export function createConnectTo(rules: readonly ConnectToRule[]) {
  return (host: string, port: number): { host: string; port: number } => {
    const h = host.toLowerCase();
    for (const rule of rules) {
      if ((rule.fromHost === '' || rule.fromHost === h) && (rule.fromPort === null || rule.fromPort === port)) {
        return { host: rule.toHost || host, port: rule.toPort ?? port };
      }
    }
    return { host, port };
  };
}
