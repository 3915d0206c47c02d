/**
 * The domain parser with the IDNA library (see domain-parser.ts): what the main process, the command line and
 * the window's screens that validate typed names use. The window's first screen uses the model in
 * renderer/src/common/addresses.tsx instead, which loads the library after its first frame.
 */
import tr46 from 'tr46';
import { createDomainParser } from './domain-parser.js';
import { createIdna } from './idna.js';

export type { DomainName, DomainOptions, DomainParser } from './domain-parser.js';

export const domainNames = createDomainParser(createIdna(tr46));
export const { parseDomain, asciiDomain, jidDomainForm, domainForPeople, domainWithALabel, sameDomain } = domainNames;
