/**
 * The blocking part of the IPC contract (XEP-0191, issue 14): the requests' schemas, their answers and the
 * event. contract.ts spreads and extends these into the one contract.
 */
import { z } from 'zod';
import type { BlockingView } from '../domain/blocking.js';
import { blockAddressOrNull } from '../domain/blocking-rules.js';
import { accountId, FIELD_LIMITS } from './fields.js';

/** A bare JID (`name@domain`) or a whole domain, in its canonical form; nothing with a resource. */
const blockAddress = z
  .string()
  .max(FIELD_LIMITS.jid)
  .transform((input, context) => {
    const address = blockAddressOrNull(input);
    if (address !== null) return address;
    context.addIssue({ code: 'custom', message: 'Enter a chat address (name@example.com) or a domain (example.com).' });
    return z.NEVER;
  });

export const blockingRequestSchemas = {
  /** Whether the account's server supports blocking, and the addresses it blocks. */
  listBlocked: z.strictObject({ accountId }),
  /** Blocks a chat address or a whole domain on the server (all the account's clients follow). */
  block: z.strictObject({ accountId, address: blockAddress }),
  unblock: z.strictObject({ accountId, address: blockAddress }),
};

export interface BlockingResponseTypes {
  listBlocked: BlockingView;
  block: BlockingView;
  unblock: BlockingView;
}

export interface BlockingEventPayloads {
  /** The account's block list or support changed (at login, or by this or another of its clients). */
  blockedChanged: BlockingView;
}
