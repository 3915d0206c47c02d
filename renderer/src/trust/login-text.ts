/**
 * How a login was protected, in words for the security panel: the mechanism, and whether the login is bound
 * to the TLS connection (a `-PLUS` mechanism, which makes a copied login worthless to anyone in the middle).
 */
import type { LoginProtection } from '../../../app/domain/sasl-mechanism.js';

const BINDING_NAME = { 'tls-exporter': 'tls-exporter', 'tls-server-end-point': 'tls-server-end-point', 'tls-unique': 'tls-unique' } as const;

export function loginProtectionText(login: LoginProtection): { readonly headline: string; readonly detail: string } {
  if (login.mechanism === 'PLAIN') {
    return {
      headline: 'PLAIN, not bound to this connection',
      detail: 'Your password was sent to the server itself, inside the verified encrypted connection. The server did not have to prove it knows your password.',
    };
  }
  const hash = login.mechanism.replace(/-PLUS$/, '');
  if (login.channelBinding !== null) {
    return {
      headline: `${hash} bound to this TLS connection (${BINDING_NAME[login.channelBinding]})`,
      detail:
        'Your password never left this computer, the server proved it knows it, and the login is tied to this very connection: someone in the middle could not have reused it.',
    };
  }
  return {
    headline: `${hash}, not bound to this TLS connection`,
    detail:
      'Your password never left this computer and the server proved it knows it, but the login is not tied to this connection (the server offered no channel binding Hostproof could use here).',
  };
}
