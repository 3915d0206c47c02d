/**
 * An incoming encrypted chat message made readable (issue 15: OMEMO), for messages.ts (live and carbons): opened
 * with the injected OpenEncrypted and read again with its text, or marked undecryptable with the reason. Never the
 * fallback body (parse-message.ts leaves it out).
 */
import type { Element } from '@xmpp/xml';
import type { MessageEncryption } from '../../../app/domain/chat.js';
import { encryptionOf, openOrExplain, type OpenEncrypted } from './encrypted-part.js';
import type { FeatureLog } from './feature-deps.js';
import { parseMessage, type ParsedMessage } from './parse-message.js';

/** A parsed message with how it travelled (absent: plaintext); an encrypted one read with its decrypted text. */
export interface Readable {
  readonly message: ParsedMessage;
  readonly encryption?: MessageEncryption;
}

export interface ReadEncryptedDeps {
  readonly open: OpenEncrypted | null;
  readonly ownBareJid: string;
  readonly log: FeatureLog;
}

/** Null for a message with nothing to show: a key-transport message, which only sets up the session. */
export async function readEncrypted({ open, ownBareJid, log }: ReadEncryptedDeps, stanza: Element, message: ParsedMessage): Promise<Readable | null> {
  const part = message.encrypted;
  const from = message.from.full;
  if (part.kind === 'none') return { message };
  if (part.kind === 'refused') {
    log({ feature: 'messages', reason: `encrypted message refused: ${part.problem.kind} at ${part.problem.where}`, from });
    return { message, encryption: { kind: 'undecryptable', reason: 'malformed', device: null } };
  }
  for (const problem of part.ignored) log({ feature: 'messages', reason: `encrypted message: key ignored (${problem.kind} at ${problem.where})`, from });
  const opened = await openOrExplain(open, message.from, part.message);
  if (part.message.payload === undefined) {
    if (!opened.ok) log({ feature: 'messages', reason: `key-transport message not opened: ${opened.reason}`, from });
    return null;
  }
  const encryption = encryptionOf(part.message.sid, opened);
  if (!opened.ok) return { message, encryption };
  const again = parseMessage(stanza, ownBareJid, { opened: opened.body });
  return again.ok ? { message: again.message, encryption } : null;
}
