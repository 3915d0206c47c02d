/** Plain-English fragments about a certificate, shared by the delegation steps and the summary sentence. */
import type { CertificateSummary } from '../../app/domain/certificate.js';

const SRV_ID_PREFIX = '_xmpp-client.';

/**
 * Every name the certificate carries for identity, in the order a person would read them. Common names are
 * listed only when there is no subjectAltName of the kinds XMPP uses (they are shown, not matched).
 */
export function certificateNames(certificate: CertificateSummary): string[] {
  const { dns, srv, xmppAddr, commonNames } = certificate.names;
  const fromSan = unique([...dns, ...xmppAddr, ...srv]);
  return fromSan.length > 0 ? fromSan : unique([...commonNames]);
}

/**
 * The host the certificate is for, for "hosted by ..." wording. Taken from the certificate, never from DNS: the
 * SRV target is unauthenticated, whereas the certificate is what POSH, a CA or a pin vouched for.
 */
export function certificateHost(certificate: CertificateSummary): string | null {
  const { dns, srv, xmppAddr, commonNames } = certificate.names;
  const srvHost = srv.map((s) => (s.toLowerCase().startsWith(SRV_ID_PREFIX) ? s.slice(SRV_ID_PREFIX.length) : s));
  return dns[0] ?? xmppAddr[0] ?? srvHost[0] ?? commonNames[0] ?? null;
}

/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length === 0) return 'no names at all';
  if (names.length <= max) {
    if (names.length === 1) return names[0] ?? '';
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The calendar day of an ISO timestamp, locale-independent (the verdict is pure and must not depend on it). */
export function isoDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 10);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
