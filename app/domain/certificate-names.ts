/**
 * The one home of certificate-name wording, shared by the verdict's sentences (main), the command line and the
 * window: which names a certificate carries, the host it is for, and how a list of names reads. Pure: no Node,
 * no DOM. Every name here comes from the network; callers show it as text (and the command line escapes it).
 */
import type { CertificateNames, CertificateSummary } from './certificate.js';

const SRV_ID_PREFIX = '_xmpp-client.';

/** Each kind of name, in the order a certificate's names are listed, with a short and a spelled-out label. */
export const CERTIFICATE_NAME_KINDS = [
  { kind: 'dns', short: 'DNS', long: 'DNS name' },
  { kind: 'srv', short: 'SRV', long: 'XMPP service name' },
  { kind: 'xmppAddr', short: 'XMPP', long: 'XMPP address' },
  { kind: 'commonNames', short: 'CN', long: 'Common name' },
] as const satisfies ReadonlyArray<{ readonly kind: keyof CertificateNames; readonly short: string; readonly long: string }>;

export type CertificateNameKind = (typeof CERTIFICATE_NAME_KINDS)[number];

export interface LabelledName {
  readonly kind: CertificateNameKind;
  readonly value: string;
}

/** Every name with its kind, subjectAltName kinds first and common names last (as CERTIFICATE_NAME_KINDS orders them). */
export function labelledNames(names: CertificateNames): LabelledName[] {
  return CERTIFICATE_NAME_KINDS.flatMap((kind) => names[kind.kind].map((value) => ({ kind, value })));
}

/**
 * Every name the certificate carries for identity, in the order a person would read them. Common names are
 * listed only when there is no subjectAltName of the kinds XMPP uses (they are shown, not matched).
 */
export function certificateNames(certificate: CertificateSummary): string[] {
  const { dns, srv, xmppAddr, commonNames } = certificate.names;
  const fromSan = unique([...dns, ...xmppAddr, ...srv]);
  return fromSan.length > 0 ? fromSan : unique(commonNames);
}

/**
 * The host the certificate is for, for "hosted by ..." wording. Taken from the certificate, never from DNS: the
 * SRV target is unauthenticated, whereas the certificate is what POSH, a CA or a pin vouched for.
 */
export function certificateHost(certificate: CertificateSummary): string | null {
  const { dns, srv, xmppAddr, commonNames } = certificate.names;
  const srvHosts = srv.map((s) => (s.toLowerCase().startsWith(SRV_ID_PREFIX) ? s.slice(SRV_ID_PREFIX.length) : s));
  return dns[0] ?? xmppAddr[0] ?? srvHosts[0] ?? commonNames[0] ?? null;
}

/** "a", "a and b", "a, b and c", "a, b, c and 4 more" (at most `max` names spelled out). */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length === 0) return 'no names at all';
  if (names.length === 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
