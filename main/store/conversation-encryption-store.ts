/**
 * Each account's encryption choice per conversation (issue 15; conversations at 'default' are not kept), in one
 * versioned JSON file keyed by account id, modelled on room-notify-store.ts.
 *
 * Crash-safe through versioned-json-file.ts. Fail closed means the default here: a damaged file is moved aside,
 * reported, and every conversation is back at 'default' (encrypted whenever the contact has devices); the person
 * can choose plaintext again in the conversation's header.
 */
import { z } from 'zod';
import type { AccountId } from '../../app/domain/account.js';
import {
  DEFAULT_CONVERSATION_ENCRYPTION,
  MAX_CONVERSATION_ENCRYPTION_SETTINGS,
  type ConversationEncryptionChoice,
} from '../../app/domain/conversation-encryption.js';
import { UserFacingError } from '../ipc/handlers.js';
import { forgetKeyIn, type PerAccountStore } from './per-account-store.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const CONVERSATION_ENCRYPTION_SCHEMA = 'hostproof.conversation-encryption';
export const CONVERSATION_ENCRYPTION_VERSION = 1;

/** Only the choice that differs from the default is ever kept. */
type Choices = Record<string, Record<string, 'plaintext'>>;

/** A conversation is a bare JID; its length is bounded as the contract bounds it. */
const peersOfAccount = z
  .record(z.string().min(3).max(3071), z.literal('plaintext'))
  .refine((peers) => Object.keys(peers).length <= MAX_CONVERSATION_ENCRYPTION_SETTINGS, 'too many conversations');
const choicesSchema = z.record(z.string().uuid(), peersOfAccount);

export interface ConversationEncryptionStore extends PerAccountStore {
  choice(accountId: AccountId, peer: string): Promise<ConversationEncryptionChoice>;
  set(accountId: AccountId, peer: string, choice: ConversationEncryptionChoice): Promise<void>;
}

export function createConversationEncryptionStore(options: JsonStoreOptions): ConversationEncryptionStore {
  const file = createVersionedJsonFile<Choices>({
    file: options.file,
    schema: CONVERSATION_ENCRYPTION_SCHEMA,
    version: CONVERSATION_ENCRYPTION_VERSION,
    data: choicesSchema,
    empty: () => ({}),
    label: 'conversation encryption choices',
    consequence: 'Every conversation is encrypted again whenever the contact can read encrypted messages, until you choose otherwise in the conversation.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    choice: async (accountId, peer) => (await file.read())[accountId]?.[peer] ?? DEFAULT_CONVERSATION_ENCRYPTION,
    set: async (accountId, peer, choice) => {
      await file.update((all) => {
        const peers = { ...all[accountId] };
        if ((peers[peer] ?? DEFAULT_CONVERSATION_ENCRYPTION) === choice) return all;
        if (choice === DEFAULT_CONVERSATION_ENCRYPTION) delete peers[peer];
        else {
          // Refused rather than written: a file over its bound would be read back as damaged.
          if (Object.keys(peers).length >= MAX_CONVERSATION_ENCRYPTION_SETTINGS) {
            throw new UserFacingError(`At most ${String(MAX_CONVERSATION_ENCRYPTION_SETTINGS)} conversations of one account can be left unencrypted.`);
          }
          peers[peer] = 'plaintext';
        }
        const next = { ...all, [accountId]: peers };
        if (Object.keys(peers).length === 0) delete next[accountId];
        return next;
      });
    },
    forget: forgetKeyIn(file),
  };
}
