/**
 * Domain names in the two forms XMPP needs (posh.md §7.3, §8): the A-label form for DNS, SNI, certificate
 * matching, POSH URLs and pin keys; the U-label form inside JIDs, the stream header and everything a person
 * reads (RFC 7622 §3.2: a JID's domainpart is internationalised). One parser makes both, so "bücher.test",
 * "BÜCHER.test" and "xn--bcher-kva.test" are the same domain everywhere.
 *
 * A factory over the IDNA conversions, so the window can use the parser before the IDNA library has loaded
 * (see idna.ts); the main process and everything else import the parser built with the library from
 * `domain-name.ts`.
 */
import { type Parsed, printable, problem } from './address-problem.js';
import type { Idna } from './idna.js';

export interface DomainName {
  /** Lower-case A-labels, no trailing dot: what DNS, TLS and certificates use. */
  readonly ascii: string;
  /** U-labels (NFC, lower case): what a JID carries and a person reads. */
  readonly unicode: string;
}

/** One trailing full stop (ASCII, ideographic, full-width or half-width): the DNS root, not part of the name. */
const ROOT_DOT = /[.\u3002\uff0e\uff61]$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/i;
/** RFC 7622 §3.2: a domainpart is at most 1023 octets; DNS allows 253 characters in A-label form. */
const MAX_INPUT = 1023;

export interface DomainOptions {
  /**
   * Accept an IP literal (a JID may name a server by address, RFC 7622 §3.2). Off for anything a certificate
   * must prove: a DNS-ID can never prove an address.
   */
  readonly allowIpLiteral?: boolean;
}

export interface DomainParser {
  parseDomain(input: string, options?: DomainOptions): Parsed<DomainName>;
  asciiDomain(input: string): string | null;
  jidDomainForm(input: string): string;
  domainForPeople(input: string): string;
  domainWithALabel(input: string): string;
  sameDomain(a: string, b: string): boolean;
}

export function createDomainParser(idna: Idna): DomainParser {
  function parseDomain(input: string, options: DomainOptions = {}): Parsed<DomainName> {
    const name = input.replace(ROOT_DOT, '');
    if (name.length === 0) return problem('missing-domain', 'The domain is missing: enter it after the @, for example example.com.');
    if (name.length > MAX_INPUT) return problem('too-long', 'The domain is too long.');
    if (/\s/u.test(name)) return problem('has-space', 'A domain has no spaces.');
    if (IPV4.test(name) || IPV6_LITERAL.test(name)) {
      if (options.allowIpLiteral) {
        const literal = name.toLowerCase();
        return { ok: true, value: { ascii: literal, unicode: literal } };
      }
      return problem('ip-literal', `"${printable(input)}" is an IP address; only a domain name can be checked against a certificate.`);
    }
    const ascii = idna.toAscii(name);
    const unicode = ascii === null ? null : idna.toUnicode(ascii);
    if (ascii === null || unicode === null) {
      return problem('invalid-domain', `"${printable(input)}" is not a valid domain name.`);
    }
    // "1.2.3" or "example.123": URL parsers and resolvers read an all-digit last label as an IPv4 address.
    if (/^\d+$/.test(ascii.slice(ascii.lastIndexOf('.') + 1))) {
      return problem('ip-literal', `"${printable(input)}" looks like an IP address; only a domain name can be checked against a certificate.`);
    }
    return { ok: true, value: { ascii, unicode } };
  }

  /** The A-label form, or null: for places that only need to know whether a name is a usable host name. */
  function asciiDomain(input: string): string | null {
    const parsed = parseDomain(input);
    return parsed.ok ? parsed.value.ascii : null;
  }

  /**
   * The form a JID, and so a stream header's `to`, carries (RFC 7622 §3.2.1: U-labels; a server with an IDN
   * virtual host answers host-unknown to the A-label). Names that are not domain names pass unchanged.
   */
  function jidDomainForm(input: string): string {
    const parsed = parseDomain(input, { allowIpLiteral: true });
    return parsed.ok ? parsed.value.unicode : input;
  }

  /** A domain as people read it: the U-label ("köln.test" for "xn--kln-sna.test"); anything else unchanged. */
  function domainForPeople(input: string): string {
    return jidDomainForm(input);
  }

  /**
   * For sentences about certificates, which name domains only in A-labels: "köln.test (xn--kln-sna.test)" for an
   * IDN, so the reader can find the name in the certificate; an ASCII name as it is.
   */
  function domainWithALabel(input: string): string {
    const parsed = parseDomain(input);
    if (!parsed.ok || parsed.value.ascii === parsed.value.unicode) return input;
    return `${parsed.value.unicode} (${parsed.value.ascii})`;
  }

  /** Whether two names are the same domain (compared as A-labels, posh.md §8); invalid names equal nothing. */
  function sameDomain(a: string, b: string): boolean {
    const x = asciiDomain(a);
    return x !== null && x === asciiDomain(b);
  }

  return { parseDomain, asciiDomain, jidDomainForm, domainForPeople, domainWithALabel, sameDomain };
}
