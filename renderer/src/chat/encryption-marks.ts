/**
 * Which messages carry a lock in their meta line (issue 15): pure, from the rows, so it is tested without React.
 *
 * An encrypted message is marked with a lock. A plaintext message is marked "Not encrypted" only in a
 * conversation that has encrypted messages too, where the difference matters; in a conversation that never
 * was encrypted the mark would be on every message and say nothing. A message that could not be decrypted
 * carries no mark: its notice says what happened.
 *
 * Like the delivery state (message-rows.ts), the mark is written once for a run of messages it holds for: under
 * the group's last message, and under any message whose mark differs from the next one's, so every change
 * between encrypted and not is visible without a lock under each bubble. Each message still states its own
 * mark to a screen reader (MessageItem's label).
 *
 * A message encrypted by a device the person distrusts, or has not decided on, is marked so in words under each
 * such message, from the device's current trust as the window knows it (use-sender-trust.ts): decrypting it
 * proves only which device wrote it, not that the person trusts that device.
 */
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { Row } from './message-rows.js';
import type { SenderTrust } from './use-sender-trust.js';

export type EncryptionMark = 'encrypted' | 'plain' | 'distrusted-device' | 'undecided-device';

/** The marks that warn: written under every message they are on, never left to a later one of the run. */
const WARNS: ReadonlySet<EncryptionMark> = new Set(['distrusted-device', 'undecided-device']);

export interface RowMark {
  /** This message's own mark, or null when it needs none. */
  readonly mark: EncryptionMark | null;
  /** Whether the mark is written under this message (false: the next one's mark speaks for it). */
  readonly shown: boolean;
}

function markOf(message: ChatMessage, conversationEncrypted: boolean, trustOf: SenderTrust): EncryptionMark | null {
  const kind = message.encryption?.kind;
  if (kind === 'omemo') {
    const trust = trustOf(message);
    return trust === 'distrusted' ? 'distrusted-device' : trust === 'undecided' ? 'undecided-device' : 'encrypted';
  }
  if (kind === 'undecryptable') return null;
  return conversationEncrypted ? 'plain' : null;
}

const UNKNOWN: SenderTrust = () => undefined;

/** One entry per row, in the rows' order; `trustOf` gives the sending device's current trust where known. */
export function encryptionMarks(rows: readonly Row[], trustOf: SenderTrust = UNKNOWN): RowMark[] {
  // Any message that travelled encrypted, readable or not, makes the plaintext ones worth marking.
  const encrypted = rows.some((row) => row.message.encryption !== undefined);
  const marks = rows.map((row) => markOf(row.message, encrypted, trustOf));
  return rows.map((row, index) => {
    const mark = marks[index] ?? null;
    return { mark, shown: mark !== null && (row.groupEnd || WARNS.has(mark) || marks[index + 1] !== mark) };
  });
}
