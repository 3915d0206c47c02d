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
 */
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { Row } from './message-rows.js';

export type EncryptionMark = 'encrypted' | 'plain';

export interface RowMark {
  /** This message's own mark, or null when it needs none. */
  readonly mark: EncryptionMark | null;
  /** Whether the mark is written under this message (false: the next one's mark speaks for it). */
  readonly shown: boolean;
}

function markOf(message: ChatMessage, conversationEncrypted: boolean): EncryptionMark | null {
  const kind = message.encryption?.kind;
  if (kind === 'omemo') return 'encrypted';
  if (kind === 'undecryptable') return null;
  return conversationEncrypted ? 'plain' : null;
}

/** One entry per row, in the rows' order. */
export function encryptionMarks(rows: readonly Row[]): RowMark[] {
  // Any message that travelled encrypted, readable or not, makes the plaintext ones worth marking.
  const encrypted = rows.some((row) => row.message.encryption !== undefined);
  const marks = rows.map((row) => markOf(row.message, encrypted));
  return rows.map((row, index) => {
    const mark = marks[index] ?? null;
    return { mark, shown: mark !== null && (row.groupEnd || marks[index + 1] !== mark) };
  });
}
