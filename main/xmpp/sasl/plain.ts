/**
 * PLAIN (RFC 4616): `[authzid] NUL authcid NUL passwd` in UTF-8, sent as the initial response, no authzid.
 *
 * PLAIN hands the password itself to the server and the server proves nothing back, so the only thing that
 * makes it safe is the TLS verification done before it (PKIX, POSH or a pin): chooseMechanism() allows PLAIN
 * only then. Both fields are SASLprep'd like SCRAM's, so one stored password works the same with either
 * mechanism, and so a NUL can never reach the message and shift its fields.
 */
import { SaslError, type SaslCredentials, type SaslExchange } from './mechanism.js';
import { saslPrep } from './saslprep.js';

const encoder = new TextEncoder();

/** Throws SaslError at once when the user name or password cannot be prepared, or either is empty. */
export function createPlainExchange(credentials: SaslCredentials): SaslExchange {
  const username = saslPrep(credentials.username, 'user name');
  const password = saslPrep(credentials.password, 'password');
  // RFC 4616: authcid and passwd are 1*SAFE.
  if (username.length === 0) throw new SaslError('the user name is empty');
  if (password.length === 0) throw new SaslError('the password is empty');
  let sent = false;

  return {
    mechanism: 'PLAIN',

    initial(): Uint8Array {
      if (sent) throw new SaslError('the PLAIN exchange was already started');
      sent = true;
      return encoder.encode(`\0${username}\0${password}`);
    },

    challenge(): Promise<Uint8Array> {
      // PLAIN has a single message; a challenge means the server is not speaking PLAIN.
      return Promise.reject(new SaslError('the server sent a challenge, which PLAIN does not have'));
    },

    success(): void {
      // PLAIN defines no additional data for success, and nothing in it could prove anything: ignore it.
      if (!sent) throw new SaslError('the server reported success before this client sent anything');
    },
  };
}
