/**
 * The JID parser with the IDNA library (see jid-parser.ts): what the main process, the command line, the IPC
 * schemas and the window's screens that validate typed addresses use.
 */
import { domainNames } from './domain-name.js';
import { createJidParser } from './jid-parser.js';

export { MAX_JID_CHARS, formatJid, type BareJid, type Jid } from './jid-parser.js';

export const { parseJid, parseBareJid, jidOrNull, bareJidOrNull, sameBareJid, requireBareJid } = createJidParser(domainNames);
