/**
 * The PKIX method (posh.md §7.4a): the chain must lead to a trusted root AND a name in the leaf must match the
 * JID domain. The chain verdict comes from Node's TLS socket (`authorized` / `authorizationError`), which must
 * be opened with `checkServerIdentity: () => undefined` so that Node judges only the chain; the names are
 * matched here with the XMPP rules, which Node's own host check does not implement.
 */
import type { CertificateNames } from '../../app/domain/certificate.js';
import type { PkixResult, TrustWarning } from '../../app/domain/trust.js';
import { matchXmppServerIdentity } from './identity.js';

export interface PkixInput {
  /** `tlsSocket.authorized`. */
  readonly chainAuthorized: boolean;
  /** `tlsSocket.authorizationError` (an OpenSSL verify code such as CERT_HAS_EXPIRED), or null. */
  readonly chainError: string | null;
  readonly names: CertificateNames;
  /** The JID domain: the only reference identity. */
  readonly domain: string;
}

export function evaluatePkix(input: PkixInput): PkixResult {
  // Both conditions, not either: a socket that says "authorized" while also carrying an error is not trusted.
  const chainOk = input.chainAuthorized && input.chainError === null;
  const identity = matchXmppServerIdentity(input.names, input.domain);

  const problems: string[] = [];
  if (!chainOk) problems.push(describeChainError(input.chainError).message);
  if (!identity.matched) problems.push(identity.reason);

  return {
    ok: chainOk && identity.matched,
    chainOk,
    nameOk: identity.matched,
    matchedName: identity.matched ? { type: identity.type, value: identity.value } : null,
    error: problems.length === 0 ? null : problems.join(' '),
  };
}

export interface ChainErrorDescription {
  /** The verdict warning this failure maps to, when there is one. */
  readonly warning: TrustWarning | null;
  /** One plain sentence. */
  readonly message: string;
}

const UNTRUSTED_ISSUER =
  'The certificate was not issued by an authority this computer trusts';

// A Map, not an object literal: a code such as "constructor" must not find Object.prototype's members.
const CHAIN_ERRORS: ReadonlyMap<string, ChainErrorDescription> = new Map(Object.entries({
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    warning: 'self-signed',
    message: 'The certificate is self-signed: the server vouches for itself, and no trusted authority does.',
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    warning: 'self-signed',
    message: 'The certificate chain ends in a self-signed authority that this computer does not trust.',
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    warning: 'untrusted-issuer',
    message: `${UNTRUSTED_ISSUER} (its issuer is not among the trusted roots).`,
  },
  UNABLE_TO_GET_ISSUER_CERT: {
    warning: 'untrusted-issuer',
    message: `${UNTRUSTED_ISSUER} (the certificate of its issuer is missing).`,
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    warning: 'untrusted-issuer',
    message: `${UNTRUSTED_ISSUER} (the server sent no chain leading to a trusted root).`,
  },
  CERT_UNTRUSTED: { warning: 'untrusted-issuer', message: `${UNTRUSTED_ISSUER}.` },
  CERT_HAS_EXPIRED: { warning: 'expired-certificate', message: 'A certificate in the chain has expired.' },
  CERT_NOT_YET_VALID: {
    warning: 'not-yet-valid-certificate',
    message: 'A certificate in the chain is not valid yet (or this computer\'s clock is wrong).',
  },
  ERROR_IN_CERT_NOT_BEFORE_FIELD: {
    warning: null,
    message: 'A certificate in the chain has a malformed start date.',
  },
  ERROR_IN_CERT_NOT_AFTER_FIELD: {
    warning: null,
    message: 'A certificate in the chain has a malformed expiry date.',
  },
  CERT_REVOKED: { warning: null, message: 'A certificate in the chain has been revoked by its issuer.' },
  CERT_SIGNATURE_FAILURE: {
    warning: null,
    message: 'A signature in the certificate chain is invalid: the chain was tampered with or is broken.',
  },
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: {
    warning: null,
    message: 'A signature in the certificate chain cannot be checked.',
  },
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: {
    warning: null,
    message: 'The public key of an issuer in the chain cannot be read.',
  },
  INVALID_CA: {
    warning: 'untrusted-issuer',
    message: 'A certificate in the chain acts as an authority but is not allowed to issue certificates.',
  },
  PATH_LENGTH_EXCEEDED: {
    warning: 'untrusted-issuer',
    message: 'The certificate chain is longer than its authorities allow.',
  },
  CERT_CHAIN_TOO_LONG: { warning: null, message: 'The certificate chain is too long to check.' },
  INVALID_PURPOSE: {
    warning: null,
    message: 'A certificate in the chain is not meant for securing a server connection.',
  },
  CERT_REJECTED: { warning: 'untrusted-issuer', message: 'The trusted root is marked to reject this use.' },
  // Only seen when the socket was opened without `checkServerIdentity: () => undefined`; it is then unknown
  // whether the chain itself was sound, so the chain is not trusted (fail closed).
  ERR_TLS_CERT_ALTNAME_INVALID: {
    warning: null,
    message: 'The chain was not judged on its own (Node\'s host-name check interfered), so it is not trusted.',
  },
} satisfies Record<string, ChainErrorDescription>));

/** Plain words for a Node/OpenSSL certificate verification code. */
export function describeChainError(code: string | null): ChainErrorDescription {
  if (code === null) {
    return { warning: null, message: 'The certificate chain was not accepted (no reason was given).' };
  }
  return (
    CHAIN_ERRORS.get(code) ?? {
      warning: null,
      message: `The certificate chain was not accepted (${code.replace(/[^A-Za-z0-9_]/g, '?')}).`,
    }
  );
}
