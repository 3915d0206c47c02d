import { describe, expect, it } from 'vitest';
import { TRUST_DECISIONS } from '../../../app/domain/account.js';
import { CHAT_STATES, PRESENCE_CHOICES, SUBSCRIPTION_ACTIONS } from '../../../app/domain/chat.js';
import { requestSchemas } from '../../../app/ipc/contract.js';

const ACCOUNT = '5b0f4c52-55a0-4a8b-a7b5-2f0e4c1f3a10';
const JID = 'bob@example.com';

/** Each enum field of the contract, with a valid request around it and the domain list it must accept. */
const FIELDS = [
  ['decideTrust.decision', TRUST_DECISIONS, (v: string) => requestSchemas.decideTrust.safeParse({ requestId: 'r1', decision: v })],
  ['changeSubscription.action', SUBSCRIPTION_ACTIONS, (v: string) => requestSchemas.changeSubscription.safeParse({ accountId: ACCOUNT, jid: JID, action: v })],
  ['setPresence.show', PRESENCE_CHOICES, (v: string) => requestSchemas.setPresence.safeParse({ accountId: ACCOUNT, show: v, status: null })],
  ['sendChatState.state', CHAT_STATES, (v: string) => requestSchemas.sendChatState.safeParse({ accountId: ACCOUNT, to: JID, state: v })],
] as const;

describe('the contract enums are the domain lists', () => {
  it.each(FIELDS)('%s accepts every value of its domain list and nothing else', (_name, values, parse) => {
    for (const value of values) expect(parse(value).success, value).toBe(true);
    for (const value of ['', 'bogus', 'CANCEL', 'offline ', 'unavailable']) expect(parse(value).success, value).toBe(false);
  });
});
