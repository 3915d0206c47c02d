/**
 * Why resolving the server failed, as data plus one plain sentence. DNS failures other than "no such record"
 * are errors, never a reason to fall back to the bare domain: the app must not quietly dial somewhere the
 * domain's DNS did not point to.
 */
import { XmppError } from './errors.js';

export type XmppResolveFailure =
  | { readonly kind: 'invalid-domain'; readonly domain: string }
  | { readonly kind: 'invalid-configuration'; readonly detail: string }
  | { readonly kind: 'service-not-offered'; readonly domain: string }
  | { readonly kind: 'dns-failure'; readonly name: string; readonly code: string }
  | { readonly kind: 'host-not-found'; readonly host: string };

export class XmppResolveError extends XmppError {
  override readonly kind = 'resolve';
  override readonly name = 'XmppResolveError';
  constructor(readonly failure: XmppResolveFailure) {
    super(describeFailure(failure));
  }
}

function describeFailure(failure: XmppResolveFailure): string {
  switch (failure.kind) {
    case 'invalid-domain':
      return `"${failure.domain}" is not a valid domain name.`;
    case 'invalid-configuration':
      return `The server set in the account is not usable: ${failure.detail}.`;
    case 'service-not-offered':
      return `${failure.domain} says in its DNS that it offers no chat service.`;
    case 'dns-failure':
      return `The DNS lookup for ${failure.name} failed: ${dnsCodeWords(failure.code)}. Please check the network and try again.`;
    case 'host-not-found':
      return `The server name ${failure.host} has no address in DNS.`;
  }
}

function dnsCodeWords(code: string): string {
  switch (code) {
    case 'ESERVFAIL':
      return 'the DNS server reported a failure (SERVFAIL)';
    case 'ETIMEOUT':
      return 'the DNS server did not answer in time';
    case 'EREFUSED':
      return 'the DNS server refused the query';
    case 'ECONNREFUSED':
      return 'the DNS server could not be reached';
    default:
      return `error ${code}`;
  }
}
