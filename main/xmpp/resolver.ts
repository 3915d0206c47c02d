/**
 * Where to connect for a JID domain (posh.md §7.2, XEP-0368, RFC 2782, RFC 6120 §3.2). DNS answers are not
 * authenticated: nothing here decides trust; the certificate is judged against the JID domain later, whatever
 * host the SRV records named. All DNS goes through the injected resolver (node:dns.promises.Resolver-shaped),
 * so tests point it at an in-process DNS server and the app can choose its own servers.
 */
import type { DnsQueries, SrvAnswer } from '../net/name-lookup.js';
import type { Candidate, ConfiguredServer, ResolvedAddress, SrvCandidate } from './candidate.js';
import { queryOutcome, type DnsOutcome } from './dns-outcome.js';
import { asciiDomain } from '../../app/domain/address/domain-name.js';
import { ipLiteral } from './host-name.js';
import { XmppResolveError } from './resolve-error.js';
import { orderSrvRecords } from './srv-order.js';

export type { DnsQueries, SrvAnswer };

export interface XmppResolverDeps {
  readonly resolver: DnsQueries;
  /** In [0, 1), for RFC 2782's weighted choice. Defaults to Math.random (load spreading, not security). */
  readonly random?: () => number;
}

export interface XmppResolver {
  /** The ordered places to try for `domain`, or the configured server alone. Throws XmppResolveError. */
  resolveCandidates(domain: string, configured?: ConfiguredServer): Promise<Candidate[]>;
  /** IPv6 and IPv4 addresses of `host`, interleaved IPv6 first (RFC 8305); an IP literal returns itself. */
  resolveAddresses(host: string): Promise<ResolvedAddress[]>;
}

/** XMPP's default client port, used when the domain publishes no SRV records (RFC 6120 §3.2.2). */
const XMPP_CLIENT_PORT = 5222;

type ServiceAnswer =
  | { readonly kind: 'records'; readonly records: readonly SrvAnswer[] }
  /** A lone `.` target, or records none of which can be used: the service is not offered here. */
  | { readonly kind: 'not-offered' }
  | { readonly kind: 'no-record' }
  | { readonly kind: 'failed'; readonly name: string; readonly code: string };

export function createXmppResolver(deps: XmppResolverDeps): XmppResolver {
  const random = deps.random ?? Math.random;
  const dns = deps.resolver;

  async function queryService(name: string): Promise<ServiceAnswer> {
    const outcome = await queryOutcome(() => dns.resolveSrv(name));
    if (outcome.kind === 'no-record') return outcome;
    if (outcome.kind === 'failed') return { kind: 'failed', name, code: outcome.code };
    const records = outcome.value.filter(isUsable);
    if (records.length > 0) return { kind: 'records', records };
    // RFC 2782: a lone record with target "." means the service is decidedly not available at this domain.
    // An answer whose records are all unusable is treated the same way: DNS did answer, so no fallback.
    return outcome.value.length > 0 ? { kind: 'not-offered' } : { kind: 'no-record' };
  }

  async function resolveCandidates(domain: string, configured?: ConfiguredServer): Promise<Candidate[]> {
    if (configured !== undefined) return [configuredCandidate(configured)];

    const literal = ipLiteral(domain);
    if (literal !== null) return [domainCandidate(literal.address)];
    const name = asciiDomain(domain);
    if (name === null) throw new XmppResolveError({ kind: 'invalid-domain', domain });

    // Both services in parallel (posh.md §7.2): `_xmpps-client` is direct TLS, `_xmpp-client` STARTTLS.
    const [secure, plain] = await Promise.all([
      queryService(`_xmpps-client._tcp.${name}`),
      queryService(`_xmpp-client._tcp.${name}`),
    ]);

    // Direct-TLS records come first in the arrangement; the weighted choice still mixes both (XEP-0368).
    const tagged = [
      ...recordsOf(secure).map((r) => toCandidate(r, true)),
      ...recordsOf(plain).map((r) => toCandidate(r, false)),
    ];
    // If one service answered, its records are enough: a failure of the other only loses alternatives.
    if (tagged.length > 0) return orderSrvRecords(tagged, random);

    const failure = [secure, plain].find((a) => a.kind === 'failed');
    if (failure?.kind === 'failed') {
      throw new XmppResolveError({ kind: 'dns-failure', name: failure.name, code: failure.code });
    }
    // `_xmpp-client` is the service RFC 6120 defines; "." there means no chat service at all. A "." only for
    // `_xmpps-client` says nothing about STARTTLS, so the ordinary fallback still applies.
    if (plain.kind === 'not-offered') throw new XmppResolveError({ kind: 'service-not-offered', domain: name });
    // No SRV answer at all: the domain itself, port 5222, STARTTLS.
    return [domainCandidate(name)];
  }

  async function resolveAddresses(host: string): Promise<ResolvedAddress[]> {
    const literal = ipLiteral(host);
    if (literal !== null) return [literal];
    const name = asciiDomain(host);
    if (name === null) throw new XmppResolveError({ kind: 'invalid-domain', domain: host });

    const [v6, v4] = await Promise.all([
      queryOutcome(() => dns.resolve6(name)),
      queryOutcome(() => dns.resolve4(name)),
    ]);
    const addresses = interleave<ResolvedAddress>(
      addressesOf(v6).map((address) => ({ address, family: 6 as const })),
      addressesOf(v4).map((address) => ({ address, family: 4 as const })),
    );
    if (addresses.length > 0) return addresses;
    const failure = [v6, v4].find((o) => o.kind === 'failed');
    if (failure?.kind === 'failed') throw new XmppResolveError({ kind: 'dns-failure', name, code: failure.code });
    throw new XmppResolveError({ kind: 'host-not-found', host: name });
  }

  return { resolveCandidates, resolveAddresses };
}

function isUsable(record: SrvAnswer): boolean {
  const target = record.name.replace(/\.$/, '');
  return target !== '' && Number.isInteger(record.port) && record.port > 0 && record.port <= 65535;
}

function recordsOf(answer: ServiceAnswer): readonly SrvAnswer[] {
  return answer.kind === 'records' ? answer.records : [];
}

function toCandidate(record: SrvAnswer, directTls: boolean): SrvCandidate {
  return {
    source: 'srv',
    host: record.name.replace(/\.$/, '').toLowerCase(),
    port: record.port,
    directTls,
    priority: record.priority,
    weight: record.weight,
  };
}

function domainCandidate(host: string): Candidate {
  return { source: 'domain', host, port: XMPP_CLIENT_PORT, directTls: false };
}

function configuredCandidate(configured: ConfiguredServer): Candidate {
  const { port, directTls } = configured;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new XmppResolveError({ kind: 'invalid-configuration', detail: `port ${port} is not between 1 and 65535` });
  }
  const host = ipLiteral(configured.host)?.address ?? asciiDomain(configured.host);
  if (host === null) {
    throw new XmppResolveError({
      kind: 'invalid-configuration',
      detail: `"${configured.host}" is not a valid host name or address`,
    });
  }
  return { source: 'configured', host, port, directTls };
}

function addressesOf(outcome: DnsOutcome<string[]>): string[] {
  return outcome.kind === 'answer' ? outcome.value : [];
}

/** IPv6 first, then alternate families (RFC 8305 §4), so one broken family does not hide the other. */
function interleave<T>(first: readonly T[], second: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(first.length, second.length); i++) {
    const a = first[i];
    const b = second[i];
    if (a !== undefined) out.push(a);
    if (b !== undefined) out.push(b);
  }
  return out;
}
