/**
 * Turns command-line words into typed options. Every mistake becomes a UsageError with a sentence that says
 * what was wrong, so the command exits 2 with a clear message rather than a stack trace.
 */
import { printable } from '../../app/domain/address/address-problem.js';
import { parseJid } from '../../app/domain/address/jid.js';
import { parseArgs } from 'node:util';
import net from 'node:net';
import type { Address, ConnectToRule } from '../net/name-lookup.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface NetworkOptions {
  readonly json: boolean;
  readonly dns: string | null;
  readonly resolve: ReadonlyMap<string, readonly Address[]>;
  readonly connectTo: readonly ConnectToRule[];
  readonly caFiles: readonly string[];
  readonly now: Date | null;
  readonly timeoutMs: number;
}

export interface CheckOptions extends NetworkOptions {
  readonly domain: string;
  readonly endpoint: { readonly host: string; readonly port: number; readonly directTls: boolean } | null;
  readonly pinsFile: string | null;
}

export interface LookupOptions extends NetworkOptions {
  readonly domain: string;
}

export type GenerateOptions =
  | { readonly kind: 'fingerprints'; readonly certFiles: readonly string[]; readonly expires: number }
  | { readonly kind: 'reference'; readonly url: string; readonly expires: number };

export type Command =
  | { readonly name: 'check'; readonly options: CheckOptions }
  | { readonly name: 'lookup'; readonly options: LookupOptions }
  | { readonly name: 'generate'; readonly options: GenerateOptions }
  | { readonly name: 'help' };

const NETWORK_OPTIONS = {
  json: { type: 'boolean' },
  dns: { type: 'string' },
  resolve: { type: 'string', multiple: true },
  'connect-to': { type: 'string', multiple: true },
  ca: { type: 'string', multiple: true },
  now: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'check':
      return { name: 'check', options: parseCheck(rest) };
    case 'lookup':
      return { name: 'lookup', options: parseLookup(rest) };
    case 'generate':
      return { name: 'generate', options: parseGenerate(rest) };
    default:
      throw new UsageError(`Unknown command "${name}". Use check, lookup or generate.`);
  }
}

/** parseArgs throws TypeErrors with codes; present them as usage mistakes. */
function guarded<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

function parseCheck(args: readonly string[]): CheckOptions {
  const { values, positionals } = guarded(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        ...NETWORK_OPTIONS,
        host: { type: 'string' },
        port: { type: 'string' },
        'direct-tls': { type: 'boolean' },
        pins: { type: 'string' },
      },
    }),
  );
  const domain = domainFromTarget(onePositional(positionals, 'a domain or JID to check'));
  if (values['direct-tls'] && !values.host) throw new UsageError('--direct-tls needs --host and --port.');
  if ((values.host === undefined) !== (values.port === undefined)) throw new UsageError('--host and --port go together.');
  const endpoint =
    values.host !== undefined && values.port !== undefined
      ? { host: values.host, port: parsePort(values.port, '--port'), directTls: values['direct-tls'] ?? false }
      : null;
  return { ...networkOptions(values), domain, endpoint, pinsFile: values.pins ?? null };
}

function parseLookup(args: readonly string[]): LookupOptions {
  const { values, positionals } = guarded(() => parseArgs({ args: [...args], allowPositionals: true, strict: true, options: NETWORK_OPTIONS }));
  return { ...networkOptions(values), domain: domainFromTarget(onePositional(positionals, 'a domain to look up')) };
}

function parseGenerate(args: readonly string[]): GenerateOptions {
  const { values, positionals } = guarded(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { cert: { type: 'string', multiple: true }, url: { type: 'string' }, expires: { type: 'string' } },
    }),
  );
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const certs = values.cert ?? [];
  if (values.url !== undefined) {
    if (certs.length > 0) throw new UsageError('Use either --cert (fingerprints) or --url (reference), not both: RFC 7711 forbids a document with both.');
    if (values.expires === undefined) throw new UsageError('A reference document needs --expires (seconds).');
    let url: URL;
    try {
      url = new URL(values.url);
    } catch {
      throw new UsageError(`--url "${values.url}" is not a URL.`);
    }
    if (url.protocol !== 'https:') throw new UsageError('--url must be an https: URL.');
    return { kind: 'reference', url: url.href, expires: parseExpires(values.expires) };
  }
  if (certs.length === 0) throw new UsageError('generate needs --cert file.pem (one or more) or --url.');
  return { kind: 'fingerprints', certFiles: certs, expires: parseExpires(values.expires ?? '604800') };
}

function onePositional(positionals: readonly string[], what: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`Expected exactly one argument: ${what}.`);
  return positionals[0];
}

/** `alice@bücher.example/phone` → `xn--bcher-kva.example`: the JID's domain as an A-label. */
export function domainFromTarget(target: string): string {
  const jid = parseJid(target);
  if (!jid.ok) throw new UsageError(`"${printable(target)}" is not a valid domain or JID. ${jid.problem.message}`);
  return jid.value.domain.ascii;
}

function networkOptions(values: {
  json?: boolean;
  dns?: string;
  resolve?: string[];
  'connect-to'?: string[];
  ca?: string[];
  now?: string;
  timeout?: string;
}): NetworkOptions {
  return {
    json: values.json ?? false,
    dns: values.dns === undefined ? null : parseHostPort(values.dns, '--dns'),
    resolve: parseResolve(values.resolve ?? []),
    connectTo: (values['connect-to'] ?? []).map(parseConnectTo),
    caFiles: values.ca ?? [],
    now: values.now === undefined ? null : parseNow(values.now),
    timeoutMs: values.timeout === undefined ? 20_000 : parsePositiveInt(values.timeout, '--timeout'),
  };
}

function parseResolve(entries: readonly string[]): Map<string, Address[]> {
  const map = new Map<string, Address[]>();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const name = entry.slice(0, colon).toLowerCase();
    const address = entry.slice(colon + 1).replace(/^\[(.*)\]$/, '$1');
    const family = net.isIP(address);
    if (colon <= 0 || !family) throw new UsageError(`--resolve "${entry}" must be name:address with an IP address.`);
    map.set(name, [...(map.get(name) ?? []), { address, family: family as 4 | 6 }]);
  }
  return map;
}

/** host:port:host2:port2, where a host may be [IPv6] and any field may be empty (curl's --connect-to). */
function parseConnectTo(entry: string): ConnectToRule {
  const parts = splitConnectTo(entry);
  if (parts.length !== 4) throw new UsageError(`--connect-to "${entry}" must be host:port:host2:port2.`);
  const [fromHost, fromPort, toHost, toPort] = parts as [string, string, string, string];
  return {
    fromHost: fromHost.toLowerCase(),
    fromPort: fromPort === '' ? null : parsePort(fromPort, '--connect-to'),
    toHost,
    toPort: toPort === '' ? null : parsePort(toPort, '--connect-to'),
  };
}

function splitConnectTo(entry: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inBrackets = false;
  for (const char of entry) {
    if (char === '[') inBrackets = true;
    else if (char === ']') inBrackets = false;
    else if (char === ':' && !inBrackets) {
      parts.push(current);
      current = '';
      continue;
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function parseHostPort(value: string, option: string): string {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:]+):(\d+)$/.exec(value);
  if (!match) throw new UsageError(`${option} "${value}" must be host:port.`);
  parsePort(match[2] ?? '', option);
  return value;
}

function parsePort(value: string, option: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`${option} "${value}" is not a port number (1-65535).`);
  return port;
}

function parsePositiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new UsageError(`${option} "${value}" must be a positive whole number.`);
  return n;
}

function parseExpires(value: string): number {
  const n = Number(value);
  // RFC 7711: expires is a non-negative integer, and 0 makes the document invalid.
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) throw new UsageError(`--expires "${value}" must be a whole number of seconds, at least 1.`);
  return n;
}

function parseNow(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new UsageError(`--now "${value}" is not an ISO time (e.g. 2026-01-31T12:00:00Z).`);
  return date;
}
