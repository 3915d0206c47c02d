/**
 * Does a certificate name the XMPP service of a JID domain? RFC 6120 §13.7.2 with the name-matching rules of
 * RFC 9525 (which obsoletes RFC 6125), as docs/posh.md §7.4a and §8 state them.
 *
 * Decisions, each a security choice:
 * - The only reference identity is the JID domain D. The SRV target host is never one (SRV answers are not
 *   authenticated, so accepting the target's name would let a DNS spoofer choose whom we trust); that is why
 *   this function takes D alone.
 * - DNS-ID: exact match, case-insensitive on ASCII, one trailing dot ignored. A wildcard is honoured only as
 *   the complete left-most label ("*.example.com"), matches exactly one label, and must be followed by at least
 *   two labels (no "*.com"). Partial wildcards ("f*.example.com", "*oo.example.com", "xn--*") and wildcards in
 *   any other position make the presented name invalid; it is ignored (RFC 9525 §6.3).
 * - A complete "*" label MAY match an A-label ("xn--bcher-kva.example.com" under "*.example.com"): RFC 9525
 *   §6.3 forbids only a wildcard embedded inside an A-label or U-label, which the partial-wildcard rule already
 *   refuses; the whole-label wildcard stands for any one label, internationalised or not.
 * - SRV-ID: must equal "_xmpp-client.D"; no wildcards (RFC 9525 §6.3 allows wildcards in DNS-IDs only).
 * - XmppAddr: must equal D after both are converted to A-labels (RFC 6120 puts the internationalised form in
 *   the UTF8String); no wildcards.
 * - Common name: never matched. RFC 9525 §6.3 removed the CN fallback that RFC 6125 still allowed; a name
 *   found only there is reported as "not accepted" so the user sees why.
 */
import { CERTIFICATE_NAME_KINDS } from '../../app/domain/certificate-names.js';
import type { CertificateNames } from '../../app/domain/certificate.js';
import type { NameMatchType } from '../../app/domain/trust.js';
import { domainWithALabel, parseDomain } from '../../app/domain/address/domain-name.js';
import { printable } from '../../app/domain/address/address-problem.js';
import { asciiLowerCase } from './ascii-case.js';

const XMPP_CLIENT_SRV_PREFIX = '_xmpp-client.';

/** Common names are never matched, so a successful match is never of type "cn". */
export type MatchedNameType = Exclude<NameMatchType, 'cn'>;

export type IdentityNoMatchKind =
  | 'invalid-domain' // D itself is not a usable domain name
  | 'cn-only' // D appears only in the subject common name, which RFC 9525 does not accept
  | 'no-match'; // the certificate names other things

export type IdentityMatch =
  | {
      readonly matched: true;
      /** The reference identity, as an A-label. */
      readonly domain: string;
      readonly type: MatchedNameType;
      /** The presented name that matched, exactly as the certificate carries it. */
      readonly value: string;
    }
  | {
      readonly matched: false;
      readonly kind: IdentityNoMatchKind;
      /** One or two plain sentences, listing what the certificate does name. */
      readonly reason: string;
    };

export function matchXmppServerIdentity(names: CertificateNames, domain: string): IdentityMatch {
  const reference = parseDomain(domain);
  if (!reference.ok) return { matched: false, kind: 'invalid-domain', reason: reference.problem.message };
  const d = reference.value.ascii;

  // Order only decides which name is reported when several match; any one match suffices.
  for (const value of names.dns) {
    if (dnsIdMatches(value, d)) return { matched: true, domain: d, type: 'dns-id', value };
  }
  for (const value of names.srv) {
    if (srvIdMatches(value, d)) return { matched: true, domain: d, type: 'srv-id', value };
  }
  for (const value of names.xmppAddr) {
    if (xmppAddrMatches(value, d)) return { matched: true, domain: d, type: 'xmpp-addr', value };
  }

  const hasSanIdentities = names.dns.length + names.srv.length + names.xmppAddr.length > 0;
  const cnWouldMatch = names.commonNames.some((cn) => dnsIdMatches(cn, d));
  if (!hasSanIdentities && cnWouldMatch) {
    return {
      matched: false,
      kind: 'cn-only',
      reason:
        `The certificate names ${domainWithALabel(d)} only in its common name, which is not accepted: ` +
        'modern rules (RFC 9525) require the name in the certificate\'s subject alternative names.',
    };
  }
  return { matched: false, kind: 'no-match', reason: `The certificate is not for ${domainWithALabel(d)}. ${describeNames(names)}` };
}

/** DNS-ID rules (RFC 9525 §6.3) with this project's "at least two labels after the wildcard" policy. */
function dnsIdMatches(presented: string, referenceDomain: string): boolean {
  const name = normalizePresented(presented);
  if (name === null) return false;
  if (!name.includes('*')) return name === referenceDomain;

  const [first, ...rest] = name.split('.');
  const wildcardIsWholeLeftLabel = first === '*' && !rest.some((label) => label.includes('*'));
  if (!wildcardIsWholeLeftLabel || rest.length < 2) return false;

  const referenceLabels = referenceDomain.split('.');
  // Exactly one label for the wildcard: "*.example.com" covers "a.example.com", not "a.b.example.com" nor "example.com".
  if (referenceLabels.length !== rest.length + 1) return false;
  return referenceLabels.slice(1).join('.') === rest.join('.');
}

function srvIdMatches(presented: string, referenceDomain: string): boolean {
  const name = normalizePresented(presented);
  if (name === null || name.includes('*')) return false;
  return name === XMPP_CLIENT_SRV_PREFIX + referenceDomain;
}

function xmppAddrMatches(presented: string, referenceDomain: string): boolean {
  // An XmppAddr is a UTF8String JID domain (U-labels allowed). The parser accepts letters, digits and hyphens
  // only, so "*" (no wildcards) and "user@domain" never convert.
  const converted = parseDomain(presented);
  return converted.ok && converted.value.ascii === referenceDomain;
}

/**
 * dNSName and SRVName are IA5Strings: ASCII A-labels. Anything else in them is malformed and never matches
 * (rather than being folded by Unicode case rules into something that might).
 */
function normalizePresented(presented: string): string | null {
  if (!/^[\x21-\x7e]+$/.test(presented)) return null;
  const lower = asciiLowerCase(presented);
  const withoutRoot = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  return withoutRoot.length > 0 ? withoutRoot : null;
}

const MAX_LISTED = 10;

/** "It names: DNS a, b; SRV c; XMPP d; common name (not accepted) e." with hostile characters escaped. */
function describeNames(names: CertificateNames): string {
  const groups: string[] = [];
  const add = (label: string, values: readonly string[]): void => {
    if (values.length === 0) return;
    const shown = values.slice(0, MAX_LISTED).map(printable).join(', ');
    const more = values.length > MAX_LISTED ? ` and ${values.length - MAX_LISTED} more` : '';
    groups.push(`${label} ${shown}${more}`);
  };
  for (const { kind, short } of CERTIFICATE_NAME_KINDS) if (kind !== 'commonNames') add(short, names[kind]);
  if (groups.length === 0) {
    const cn = names.commonNames.length > 0 ? ` (common name only: ${names.commonNames.map(printable).join(', ')})` : '';
    return `It carries no DNS, SRV or XMPP names${cn}.`;
  }
  return `It names: ${groups.join('; ')}.`;
}
