/**
 * JIDs (RFC 7622): the one parser, formatter and comparison used by the IPC schemas, the window, the
 * command line, the services and the XMPP session. No other code splits addresses at "@" or "/".
 *
 * Canonical form, so that two spellings of one address compare equal:
 * - localpart: full-width letters to normal width, lower case, NFC (PRECIS UsernameCaseMapped, RFC 8265,
 *   for the cases that matter); the characters RFC 7622 §3.3.1 forbids are refused;
 * - domainpart: U-labels (see domain-name.ts); `domain.ascii` has the A-label form for DNS and TLS;
 * - resourcepart: NFC only (OpaqueString), compared exactly.
 *
 * A factory over the domain parser (see domain-parser.ts for why); `jid.ts` has the one built with the IDNA
 * library, for the main process and everything that validates what a person typed.
 */
import { type Parsed, printable, problem } from './address-problem.js';
import type { DomainName, DomainOptions, DomainParser } from './domain-parser.js';

export interface Jid {
  readonly local: string | null;
  readonly domain: DomainName;
  readonly resource: string | null;
  /** `local@domain` or `domain`, canonical, domain in U-labels. */
  readonly bare: string;
  /** The bare JID plus `/resource` when there is one. */
  readonly full: string;
}

/**
 * An address a person types for an account or a contact: a local part, a domain name (never an IP literal)
 * and no resource.
 */
export interface BareJid extends Jid {
  readonly local: string;
  readonly resource: null;
}

/** RFC 7622 §3.1: each part is at most 1023 octets. */
const MAX_PART_BYTES = 1023;
/** The longest string that can be a JID (three parts and two separators); the IPC schemas use it too. */
export const MAX_JID_CHARS = 3 * MAX_PART_BYTES + 2;
const FORBIDDEN_IN_LOCAL = /["&'/:<>@\s\p{Cc}]/u;
const FORBIDDEN_IN_RESOURCE = /\p{Cc}/u;
const FULL_WIDTH = /[\uff01-\uffee]/g;

/** UTF-8 length in octets (app/ code runs in the window and in Node, so neither Buffer nor TextEncoder). */
function utf8Length(value: string): number {
  let octets = 0;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return octets;
}

function canonicalLocal(raw: string): string {
  return raw.replace(FULL_WIDTH, (ch) => ch.normalize('NFKC')).toLowerCase().normalize('NFC');
}

/** `local@domain/resource` from parts already canonical (the session's own address). */
export function formatJid(parts: { readonly local: string | null; readonly domain: string; readonly resource?: string | null }): string {
  const bare = parts.local === null ? parts.domain : `${parts.local}@${parts.domain}`;
  return parts.resource ? `${bare}/${parts.resource}` : bare;
}

export interface JidParser {
  parseJid(input: string, options?: DomainOptions): Parsed<Jid>;
  parseBareJid(input: string): Parsed<BareJid>;
  jidOrNull(input: string | null | undefined): Jid | null;
  bareJidOrNull(input: string | null | undefined): string | null;
  sameBareJid(a: string | null | undefined, b: string | null | undefined): boolean;
  requireBareJid(input: string): string;
}

export function createJidParser(domains: DomainParser): JidParser {
  function parseJid(input: string, options: DomainOptions = {}): Parsed<Jid> {
    if (input.length === 0) return problem('empty', 'Enter a chat address, for example alice@example.com.');
    if (input.length > MAX_JID_CHARS) return problem('too-long', 'That chat address is too long.');
    // RFC 7622 §3.1: the resource starts at the first "/", the local part ends at the first "@" before it.
    const slash = input.indexOf('/');
    const address = slash === -1 ? input : input.slice(0, slash);
    const at = address.indexOf('@');

    let local: string | null = null;
    if (at !== -1) {
      const raw = address.slice(0, at);
      if (raw === '') return problem('missing-local', 'A chat address looks like name@example.com: your name, one @, then the domain.');
      local = canonicalLocal(raw);
      if (/\s/u.test(local)) return problem('has-space', 'A chat address has no spaces.');
      if (FORBIDDEN_IN_LOCAL.test(local) || utf8Length(local) > MAX_PART_BYTES) {
        return problem('invalid-local', `The name before the @ ("${printable(raw)}") cannot be part of a chat address.`);
      }
    }

    const domainPart = at === -1 ? address : address.slice(at + 1);
    if (domainPart.includes('@')) return problem('invalid-domain', 'A chat address has only one @.');
    const domain = domains.parseDomain(domainPart, options);
    if (!domain.ok) return domain;

    let resource: string | null = null;
    if (slash !== -1) {
      resource = input.slice(slash + 1).normalize('NFC');
      if (resource === '' || FORBIDDEN_IN_RESOURCE.test(resource) || utf8Length(resource) > MAX_PART_BYTES) {
        return problem('invalid-resource', 'The part after “/” is not a valid resource.');
      }
    }

    const bare = local === null ? domain.value.unicode : `${local}@${domain.value.unicode}`;
    return { ok: true, value: { local, domain: domain.value, resource, bare, full: resource === null ? bare : `${bare}/${resource}` } };
  }

  /** An address a person typed for an account or a contact (surrounding spaces ignored). */
  function parseBareJid(input: string): Parsed<BareJid> {
    const trimmed = input.trim();
    if (trimmed === '') return problem('empty', 'Enter a chat address, for example alice@example.com.');
    if (/\s/u.test(trimmed)) return problem('has-space', 'A chat address has no spaces.');
    if (trimmed.includes('/')) return problem('has-resource', 'Leave out the part after “/”: enter just name@domain.');
    if (!trimmed.includes('@')) return problem('missing-local', 'A chat address looks like name@example.com: your name, one @, then the domain.');
    const parsed = parseJid(trimmed);
    if (!parsed.ok) return parsed;
    const jid = parsed.value;
    if (jid.local === null || jid.resource !== null) {
      return problem('missing-local', 'A chat address looks like name@example.com: your name, one @, then the domain.');
    }
    return { ok: true, value: { ...jid, local: jid.local, resource: null } };
  }

  /**
   * For addresses that came from the network: the parsed JID, or null (the stanza carrying it is ignored).
   * IP-literal domains are allowed here; they can be chat peers, never an account's verified server.
   */
  function jidOrNull(input: string | null | undefined): Jid | null {
    if (typeof input !== 'string') return null;
    const parsed = parseJid(input, { allowIpLiteral: true });
    return parsed.ok ? parsed.value : null;
  }

  /** The canonical bare JID, or null when `input` is not a JID. */
  function bareJidOrNull(input: string | null | undefined): string | null {
    return jidOrNull(input)?.bare ?? null;
  }

  /** Whether two strings name the same bare JID (canonical comparison); anything unparsable equals nothing. */
  function sameBareJid(a: string | null | undefined, b: string | null | undefined): boolean {
    const x = bareJidOrNull(a);
    return x !== null && x === bareJidOrNull(b);
  }

  /** A bare JID we were given as an argument (from our own window or store): canonical, or a thrown error. */
  function requireBareJid(input: string): string {
    const jid = jidOrNull(input);
    if (jid === null || jid.resource !== null) throw new Error(`Not a bare JID: ${JSON.stringify(printable(input))}`);
    return jid.bare;
  }

  return { parseJid, parseBareJid, jidOrNull, bareJidOrNull, sameBareJid, requireBareJid };
}
