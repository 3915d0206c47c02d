/**
 * The OMEMO part of an incoming `<message>` (issue 15), as parse-message.ts reads it for live messages, carbons
 * and archive results alike, and what opening it gives. Opening is the account's OMEMO service's job (injected
 * as OpenEncrypted); this file only says what the message path expects of it.
 */
import type { Element } from '@xmpp/xml';
import type { Jid } from '../../../app/domain/address/jid.js';
import type { MessageEncryption, UndecryptableReason } from '../../../app/domain/chat.js';
import type { OmemoErrorKind } from '../../omemo/omemo-error.js';
import type { EncryptedMessage } from '../../omemo/omemo-types.js';
import { readEncryptedMessage } from './omemo/encrypted-element.js';
import type { OmemoWireProblem } from './omemo/omemo-wire-values.js';

/** A message's `<encrypted xmlns='eu.siacs.conversations.axolotl'>` child, read with the wire parser. */
export type EncryptedPart =
  /** An ordinary message. */
  | { readonly kind: 'none' }
  /** Well formed. `ignored`: keys the wire parser dropped (for the log; the others may still be ours). */
  | { readonly kind: 'omemo'; readonly message: EncryptedMessage; readonly ignored: readonly OmemoWireProblem[] }
  /** Present but refused by the wire parser: still an encrypted message, never read as a plaintext one. */
  | { readonly kind: 'refused'; readonly problem: OmemoWireProblem };

export function readEncryptedPart(stanza: Element): EncryptedPart {
  const read = readEncryptedMessage(stanza);
  if (read === null) return { kind: 'none' };
  return read.ok ? { kind: 'omemo', message: read.value, ignored: read.ignored } : { kind: 'refused', problem: read.problem };
}

/** What opening one encrypted message gave: its text (empty for a key-transport message), or why not. */
export type Opened = { readonly ok: true; readonly body: string } | { readonly ok: false; readonly reason: UndecryptableReason };

/**
 * Decrypts what `from` sent (their full JID as the stanza says: the session is with from.bare's device
 * `message.sid`). Messages are given in the order they arrived; an implementation works on each device's session
 * in that order. A rejection counts as 'bad-message'.
 */
export type OpenEncrypted = (from: Jid, message: EncryptedMessage) => Promise<Opened>;

/** How each of the cryptography's refusals (main/omemo/omemo-error.ts) is told on the message. */
export function undecryptableReasonOf(kind: OmemoErrorKind): UndecryptableReason {
  switch (kind) {
    case 'not-for-this-device':
      return 'not-for-this-device';
    case 'no-session':
      return 'no-session';
    case 'identity-changed':
    case 'untrusted-identity':
      return 'untrusted-device';
    case 'no-device':
      return 'not-set-up';
    default:
      // bad-message, bad-payload, and what decrypting cannot give (bad-bundle, corrupt-store, ...): unreadable.
      return 'bad-message';
  }
}

/** Opens with `open`, or says that nothing can while OMEMO is not set up; never rejects. */
export async function openOrExplain(open: OpenEncrypted | null, from: Jid, message: EncryptedMessage): Promise<Opened> {
  if (open === null) return { ok: false, reason: 'not-set-up' };
  try {
    return await open(from, message);
  } catch {
    return { ok: false, reason: 'bad-message' };
  }
}

/** The message's `encryption` field for what opening gave. */
export function encryptionOf(sid: number | null, opened: Opened): MessageEncryption {
  return opened.ok ? { kind: 'omemo', device: sid } : { kind: 'undecryptable', reason: opened.reason, device: sid };
}
