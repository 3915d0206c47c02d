/**
 * How a message travelled (issue 15: OMEMO; migration 9), both ways between ChatMessage.encryption and the three
 * columns `encryption`, `encryption_reason`, `encryption_device`. The columns' CHECKs keep other values out; a
 * reason this build does not know (a newer build's) reads as 'bad-message', still unreadable.
 */
import { UNDECRYPTABLE_REASONS, type ChatMessage, type MessageEncryption, type UndecryptableReason } from '../../../app/domain/chat.js';

export interface EncryptionColumns {
  readonly encryption: 'omemo' | 'undecryptable' | null;
  readonly encryption_reason: UndecryptableReason | null;
  readonly encryption_device: number | null;
}

export function writeEncryptionColumns(message: ChatMessage): EncryptionColumns {
  const encryption = message.encryption;
  if (encryption === undefined) return { encryption: null, encryption_reason: null, encryption_device: null };
  return encryption.kind === 'omemo'
    ? { encryption: 'omemo', encryption_reason: null, encryption_device: encryption.device }
    : { encryption: 'undecryptable', encryption_reason: encryption.reason, encryption_device: encryption.device };
}

/**
 * The body as stored: empty for an undecryptable message whatever the caller passed (the column's CHECK refuses
 * anything else, and the text index must never hold a fallback text).
 */
export function storedBody(message: ChatMessage): string {
  return message.encryption?.kind === 'undecryptable' ? '' : message.body;
}

const isReason = (text: string): text is UndecryptableReason => (UNDECRYPTABLE_REASONS as readonly string[]).includes(text);

/** The `encryption` field for a row (undefined columns: a row read before migration 9). */
export function readEncryptionColumns(row: {
  readonly encryption?: string | null;
  readonly encryption_reason?: string | null;
  readonly encryption_device?: number | null;
}): { readonly encryption?: MessageEncryption } {
  const device = typeof row.encryption_device === 'number' ? row.encryption_device : null;
  if (row.encryption === 'omemo') return { encryption: { kind: 'omemo', device } };
  if (row.encryption === 'undecryptable') {
    const reason = row.encryption_reason ?? '';
    return { encryption: { kind: 'undecryptable', reason: isReason(reason) ? reason : 'bad-message', device } };
  }
  return {};
}
