/**
 * Ids for messages and stanzas that sort by when they were made: UUID version 7 (RFC 9562), the time in
 * milliseconds first, then 74 random bits. The message history keeps every local message id in a unique index;
 * random ids land anywhere in it, so each archive page stored rewrote about a hundred scattered index pages,
 * while ids made in time order are added at its end. Nothing relies on the ids being unguessable: they only
 * have to be unique, which the random bits keep them (and a peer sees the send time anyway).
 */
import { randomBytes } from 'node:crypto';

export function createTimeOrderedIds(now: () => Date, random: (size: number) => Buffer = randomBytes): () => string {
  return () => {
    const bytes = random(16);
    // 48 bits of milliseconds since 1970 (enough until the year 10889); a clock before 1970 counts as 0.
    bytes.writeUIntBE(Math.max(0, Math.floor(now().getTime())), 0, 6);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70; // version 7
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // the RFC 9562 variant
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
