/**
 * The blocking rules (blocking.ts) made with the complete address parser, IDNA library included: for the main
 * process and the IPC schemas, which read every address. The window's first screen makes its own from the
 * parser in context instead (renderer/src/blocking/use-blocking.ts).
 */
import { jidOrNull } from './address/jid.js';
import { createBlockingRules } from './blocking.js';

export const { blockAddressOrNull, blockItemOrNull, blockingEntry, isBlockedBy } = createBlockingRules({ jidOrNull });
