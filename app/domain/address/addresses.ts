/**
 * The address model as one value (JIDs and domain names), made from an IDNA library or from none: for code
 * that receives the model instead of importing the one built with the library (the window's first screen, see
 * renderer/src/common/addresses.tsx).
 */
import { createDomainParser, type DomainParser } from './domain-parser.js';
import { createIdna, type IdnaEngine } from './idna.js';
import { createJidParser, type JidParser } from './jid-parser.js';

export interface Addresses extends DomainParser, JidParser {
  /** Whether every name is read (the IDNA library is in); without it only plain ASCII domain names are. */
  readonly complete: boolean;
}

export function createAddresses(engine: IdnaEngine | null): Addresses {
  const domains = createDomainParser(createIdna(engine));
  return { ...domains, ...createJidParser(domains), complete: engine !== null };
}
