/**
 * The `changes` column of a stored message (migration 7), both ways: JSON of its earlier versions, whether it
 * was retracted, its reactions and what it answers. Read back with a schema: a row this code did not write
 * (or an older build's) reads as "no changes" rather than failing the page.
 */
import { z } from 'zod';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { MessageChanges, ReplyTarget } from '../../../app/domain/message-changes.js';

const text = z.string().max(100_000);
const columnSchema = z.object({
  replyTo: z.object({ id: text, to: text.nullable(), fallback: text.nullable() }).optional(),
  changes: z
    .object({
      earlier: z.array(z.object({ body: text, replacedAt: text, by: text.nullable() })),
      retracted: z.boolean(),
      reactions: z.array(z.object({ sender: text, emojis: z.array(text) })),
    })
    .optional(),
});

export function writeChangesColumn(message: ChatMessage): string | null {
  if (message.replyTo === undefined && message.changes === undefined) return null;
  return JSON.stringify({ replyTo: message.replyTo, changes: message.changes });
}

export function readChangesColumn(column: string | null): { replyTo?: ReplyTarget; changes?: MessageChanges } {
  if (column === null) return {};
  let json: unknown;
  try {
    json = JSON.parse(column);
  } catch {
    return {};
  }
  const parsed = columnSchema.safeParse(json);
  if (!parsed.success) return {};
  const { replyTo, changes } = parsed.data;
  return { ...(replyTo === undefined ? {} : { replyTo }), ...(changes === undefined ? {} : { changes }) };
}
