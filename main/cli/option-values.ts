/**
 * The values of single options: each turns one word of the command line into a typed value, or throws a
 * UsageError that names the option and says what a valid value looks like.
 */
import net from 'node:net';
import { asciiDomain } from '../../app/domain/address/domain-name.js';
import type { Address, ConnectToRule } from '../net/name-lookup.js';
import { UsageError } from './usage-error.js';

/**
 * A host name as the lookups are asked for it: the A-label (so `bücher.test` and `xn--bcher-kva.test` are one
 * name); anything else, such as an IP literal, only lower-cased.
 */
function hostKey(name: string): string {
  return asciiDomain(name) ?? name.toLowerCase();
}

/** `--resolve name:address`, repeatable: every address given for a name, in order. */
export function parseResolve(entries: readonly string[]): Map<string, Address[]> {
  const map = new Map<string, Address[]>();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const name = hostKey(entry.slice(0, colon));
    const address = entry.slice(colon + 1).replace(/^\[(.*)\]$/, '$1');
    const family = net.isIP(address);
    if (colon <= 0 || !family) throw new UsageError(`--resolve "${entry}" must be name:address with an IP address.`);
    map.set(name, [...(map.get(name) ?? []), { address, family: family as 4 | 6 }]);
  }
  return map;
}

/** host:port:host2:port2, where a host may be [IPv6] and any field may be empty (curl's --connect-to). */
export function parseConnectTo(entry: string): ConnectToRule {
  const parts = splitConnectTo(entry);
  if (parts.length !== 4) throw new UsageError(`--connect-to "${entry}" must be host:port:host2:port2.`);
  const [fromHost, fromPort, toHost, toPort] = parts as [string, string, string, string];
  return {
    fromHost: fromHost === '' ? '' : hostKey(fromHost),
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

/** `host:port` or `[IPv6]:port`, checked and returned as given. */
export function parseHostPort(value: string, option: string): string {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:]+):(\d+)$/.exec(value);
  if (!match) throw new UsageError(`${option} "${value}" must be host:port.`);
  parsePort(match[2] ?? '', option);
  return value;
}

export function parsePort(value: string, option: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`${option} "${value}" is not a port number (1-65535).`);
  return port;
}

export function parsePositiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new UsageError(`${option} "${value}" must be a positive whole number.`);
  return n;
}

export function parseExpires(value: string): number {
  const n = Number(value);
  // RFC 7711: expires is a non-negative integer, and 0 makes the document invalid.
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) throw new UsageError(`--expires "${value}" must be a whole number of seconds, at least 1.`);
  return n;
}

export function parseNow(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new UsageError(`--now "${value}" is not an ISO time (e.g. 2026-01-31T12:00:00Z).`);
  return date;
}

/** `--url` of a reference document: RFC 7711 references are https only. Returns the normalised URL. */
export function parseHttpsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url "${value}" is not a URL.`);
  }
  if (url.protocol !== 'https:') throw new UsageError('--url must be an https: URL.');
  return url.href;
}
