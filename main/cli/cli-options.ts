/**
 * Turns command-line words into typed options. Every mistake becomes a UsageError with a sentence that says
 * what was wrong, so the command exits 2 with a clear message rather than a stack trace. The value of each
 * single option is read in option-values.ts; this file knows the commands and which options each takes.
 */
import { printable } from '../../app/domain/address/address-problem.js';
import { parseJid } from '../../app/domain/address/jid.js';
import { parseArgs } from 'node:util';
import type { Address, ConnectToRule } from '../net/name-lookup.js';
import { parseConnectTo, parseExpires, parseHostPort, parseHttpsUrl, parseNow, parsePort, parsePositiveInt, parseResolve } from './option-values.js';
import { asksForHelp } from './help-words.js';
import { UsageError } from './usage-error.js';

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
  if (asksForHelp(name)) return { name: 'help' };
  switch (name) {
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
    return { kind: 'reference', url: parseHttpsUrl(values.url), expires: parseExpires(values.expires) };
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
