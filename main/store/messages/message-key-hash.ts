/**
 * A dedupe key (dedupe.ts keysOf) as the database indexes it: the first 64 bits of SHA-256 over the account and
 * the key, one 8-byte integer instead of the key's hundred-odd characters (which the key table and its index by
 * message both held: 537 bytes per message, and the tree each archive page wrote most pages of).
 *
 * Two different keys with one hash: by chance, about one in ten million for a history of a million messages;
 * on purpose, a sender would have to find a 64-bit preimage of another conversation's key, which it cannot
 * even see. Keys name their conversation, so a hash that finds a message of another conversation is such a
 * collision and is not taken for the same message (message-db.ts); within one conversation it would make the
 * second message look like a copy of the first.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function messageKeyHash(account: string, key: string): bigint {
  return createHash('sha256').update(account).update('\0').update(key).digest().readBigInt64BE(0);
}

/** The same from SQL: migration 4 hashes the keys stored before it. */
export function registerMessageKeyHash(db: Database.Database): void {
  db.function('message_key_hash', { deterministic: true }, (account: unknown, key: unknown) => messageKeyHash(String(account), String(key)));
}
