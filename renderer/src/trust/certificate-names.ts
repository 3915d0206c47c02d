import type { CertificateSummary } from '../../../app/domain/certificate.js';

const SRV_ID_PREFIX = '_xmpp-client.';

/** Every identity name a certificate carries, in reading order; common names only when there is nothing else. */
export function allNames(certificate: CertificateSummary): string[] {
  const { dns, srv, xmppAddr, commonNames } = certificate.names;
  const fromSan = [...new Set([...dns, ...xmppAddr, ...srv])];
  return fromSan.length > 0 ? fromSan : [...new Set(commonNames)];
}

/**
 * The host a certificate is for, for "hosted by …". Taken from the certificate, never from the SRV answer:
 * DNS is unauthenticated, the certificate is what POSH, an authority or a pin vouched for.
 */
export function certificateHost(certificate: CertificateSummary): string | null {
  const { dns, srv, xmppAddr, commonNames } = certificate.names;
  const srvHosts = srv.map((s) => (s.toLowerCase().startsWith(SRV_ID_PREFIX) ? s.slice(SRV_ID_PREFIX.length) : s));
  return dns[0] ?? xmppAddr[0] ?? srvHosts[0] ?? commonNames[0] ?? null;
}

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length === 0) return 'no names at all';
  if (names.length === 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
