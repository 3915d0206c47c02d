/**
 * The end of a trust log file, as an append finds it. Every finished append ends with "\n"; an append killed
 * inside its write (SIGKILL, power loss) can leave part of its line behind, because the kernel copies a write
 * that crosses a page boundary page by page and stops at a fatal signal. That part was never an entry (its
 * append never returned), so the next append removes it rather than keeping it as a damaged line that every
 * later read would report. Until then, reads report it as a torn last line.
 */
import type { FileHandle } from 'node:fs/promises';

/**
 * Longer than any line the schema allows (2,000 characters of summary and 40 labels of 500, each character at
 * most 6 bytes when JSON escapes it, and the short fields): a piece without "\n" longer than this was not
 * written by one append, so it is damage, kept as evidence, not an unfinished append.
 */
export const MAX_LINE_BYTES = 256 * 1024;

export type LogTail =
  /** Empty, or ends with "\n": append as is. */
  | { readonly kind: 'clean' }
  /** A last line that lacks only its "\n" (or is damage too long to be an append): start on a fresh line. */
  | { readonly kind: 'needs-newline' }
  /** The remains of an unfinished append, from byte `start` to the end. */
  | { readonly kind: 'unfinished'; readonly start: number };

/** What the log's last bytes are; `isWholeLine` says whether a piece parses as a line of some account. */
export async function readLogTail(handle: FileHandle, size: number, isWholeLine: (line: string) => boolean): Promise<LogTail> {
  if (size === 0) return { kind: 'clean' };
  const length = Math.min(size, MAX_LINE_BYTES + 1);
  const bytes = Buffer.alloc(length);
  await handle.read(bytes, 0, length, size - length);
  if (bytes[length - 1] === 0x0a) return { kind: 'clean' };
  const newline = bytes.lastIndexOf(0x0a);
  // No line break within the longest line an append writes, and more file before it: not one append's work.
  if (newline === -1 && size > MAX_LINE_BYTES) return { kind: 'needs-newline' };
  const pieceStart = newline + 1;
  if (isWholeLine(bytes.subarray(pieceStart).toString('utf8'))) return { kind: 'needs-newline' };
  return { kind: 'unfinished', start: size - length + pieceStart };
}
