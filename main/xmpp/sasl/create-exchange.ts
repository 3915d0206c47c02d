/** One place that maps a chosen mechanism name to its client implementation. */
import type { AdvertisedSasl } from './downgrade-hash.js';
import type { Gs2Binding } from './gs2-header.js';
import type { MechanismName, SaslCredentials, SaslExchange } from './mechanism.js';
import { createPlainExchange } from './plain.js';
import { createScramExchange, type ScramHash } from './scram.js';

/** What a SCRAM exchange needs besides the credentials: its channel-binding answer and the server's offer. */
export interface ExchangeContext {
  readonly binding: Gs2Binding;
  readonly advertised: AdvertisedSasl;
}

const SCRAM_HASH: Readonly<Record<Exclude<MechanismName, 'PLAIN'>, ScramHash>> = {
  'SCRAM-SHA-512-PLUS': 'sha-512',
  'SCRAM-SHA-256-PLUS': 'sha-256',
  'SCRAM-SHA-1-PLUS': 'sha-1',
  'SCRAM-SHA-512': 'sha-512',
  'SCRAM-SHA-256': 'sha-256',
  'SCRAM-SHA-1': 'sha-1',
};

/**
 * Throws SaslError when the credentials cannot be prepared (see saslPrep), and Error when a `-PLUS` mechanism
 * comes without binding data or a plain one with it: the chooser pairs them, so a mismatch is a bug.
 */
export function createExchange(mechanism: MechanismName, credentials: SaslCredentials, context?: ExchangeContext): SaslExchange {
  if (mechanism === 'PLAIN') return createPlainExchange(credentials);
  const binding = context?.binding ?? { flag: 'n' };
  if (mechanism.endsWith('-PLUS') !== (binding.flag === 'p')) {
    throw new Error(`${mechanism} was paired with the gs2 flag "${binding.flag}"`);
  }
  return createScramExchange({ hash: SCRAM_HASH[mechanism], credentials, binding, advertised: context?.advertised });
}
