/**
 * The SASL mechanisms Hostproof can log in with, strongest first. One list for the session that picks one
 * (main/xmpp/sasl/) and the login memory that remembers which one worked (main/store/), so the file's schema
 * cannot fall behind what the session may hand it.
 */
export const SASL_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;

export type MechanismName = (typeof SASL_MECHANISMS)[number];
