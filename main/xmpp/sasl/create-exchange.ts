/** One place that maps a chosen mechanism name to its client implementation. */
import type { MechanismName, SaslCredentials, SaslExchange } from './mechanism.js';
import { createPlainExchange } from './plain.js';
import { createScramExchange } from './scram.js';

/** Throws SaslError when the credentials cannot be prepared (see saslPrep). */
export function createExchange(mechanism: MechanismName, credentials: SaslCredentials): SaslExchange {
  switch (mechanism) {
    case 'SCRAM-SHA-256':
      return createScramExchange({ hash: 'sha-256', credentials });
    case 'SCRAM-SHA-1':
      return createScramExchange({ hash: 'sha-1', credentials });
    case 'PLAIN':
      return createPlainExchange(credentials);
  }
}
