/**
 * The SASL mechanisms Hostproof can log in with, strongest first (posh.md §7.5): the channel-bound `-PLUS`
 * variants, then plain SCRAM by hash strength, then PLAIN. One list for the session that picks one
 * (main/xmpp/sasl/) and the login memory that remembers which one worked (main/store/), so the file's schema
 * cannot fall behind what the session may hand it. The login memory keeps `-PLUS` too: an account that once
 * logged in bound to its TLS connection must not silently log in unbound later.
 */
export const SASL_MECHANISMS = [
  'SCRAM-SHA-512-PLUS',
  'SCRAM-SHA-256-PLUS',
  'SCRAM-SHA-1-PLUS',
  'SCRAM-SHA-512',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'PLAIN',
] as const;

export type MechanismName = (typeof SASL_MECHANISMS)[number];

/** The TLS channel-binding types this client can compute (RFC 9266, RFC 5929), preferred first. */
export const CHANNEL_BINDING_TYPES = ['tls-exporter', 'tls-server-end-point', 'tls-unique'] as const;

export type ChannelBindingType = (typeof CHANNEL_BINDING_TYPES)[number];

/** Whether a mechanism binds the login to the TLS connection it runs on. */
export const isChannelBound = (mechanism: MechanismName): boolean => mechanism.endsWith('-PLUS');

/** The same mechanism without channel binding (SCRAM-SHA-256-PLUS → SCRAM-SHA-256); others unchanged. */
export function withoutChannelBinding(mechanism: MechanismName): MechanismName {
  const unbound = SASL_MECHANISMS.find((candidate) => `${candidate}-PLUS` === mechanism);
  return unbound ?? mechanism;
}

/**
 * How a login was protected, as the security panel shows it: the mechanism, and the channel-binding type
 * when the mechanism is a `-PLUS` one (null otherwise).
 */
export interface LoginProtection {
  readonly mechanism: MechanismName;
  readonly channelBinding: ChannelBindingType | null;
}
