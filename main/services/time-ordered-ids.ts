/**
 * Ids for messages and stanzas that sort by when they were made: UUID version 7 (RFC 9562), the time in
 * milliseconds first, then 74 random bits. The message history keeps every local message id in a unique index;
 * random ids land anywhere in it, so each archive page stored rewrote about a hundred scattered index pages,
 * while ids made in time order are added at its end. Nothing relies on the ids being unguessable: they only
 * have to be unique, which the random bits keep them (and a peer sees the send time anyway).
 */
import { randomBytes } from 'node:crypto';

/** Random bytes are drawn this many at a time: one draw costs about as much as a few hundred bytes do. */
const POOL_BYTES = 4096;
/** Each id takes 10 random bytes: the 16 bytes less the 48-bit time (version and variant bits are set over them). */
const RANDOM_PER_ID = 10;

export function createTimeOrderedIds(now: () => Date, random: (size: number) => Buffer = randomBytes): () => string {
  // One draw from the system's generator per 409 ids, not one per id (about 8 µs each on these machines: a
  // noticeable share of an incoming message's cost in the pipeline benchmark).
  let pool: Buffer = Buffer.alloc(0);
  let used = 0;
  return () => {
    if (used + RANDOM_PER_ID > pool.length) {
      pool = random(POOL_BYTES);
      used = 0;
    }
    const bytes = Buffer.allocUnsafe(16);
    pool.copy(bytes, 6, used, used + RANDOM_PER_ID);
    used += RANDOM_PER_ID;
    // 48 bits of milliseconds since 1970 (enough until the year 10889); a clock before 1970 counts as 0.
    bytes.writeUIntBE(Math.max(0, Math.floor(now().getTime())), 0, 6);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70; // version 7
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // the RFC 9562 variant
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
