/**
 * issue 15: OMEMO messages as other clients send them, for the message-path tests, with a stand-in for the
 * cryptography: the "ciphertext" is the UTF-8 text itself, so a test can see which message was opened, and the
 * opener answers what the test tells it, when the test tells it.
 */
import type { Jid } from '../../../../../app/domain/address/jid.js';
import type { EncryptedMessage } from '../../../../../main/omemo/omemo-types.js';
import type { Opened, OpenEncrypted } from '../../../../../main/xmpp/features/encrypted-part.js';
import { encryptedMessageChildren, OMEMO_FALLBACK_BODY } from '../../../../../main/xmpp/features/omemo/encrypted-element.js';

export { OMEMO_FALLBACK_BODY };

export const SENDER_DEVICE = 27183;
export const OUR_DEVICE = 31415;

/** An encrypted message whose payload is `text` in the clear (the stand-in cipher); no payload: key transport. */
export function sealed(text: string | null, sid = SENDER_DEVICE): EncryptedMessage {
  return {
    sid,
    keys: [{ rid: OUR_DEVICE, prekey: false, data: new Uint8Array([1, 2, 3, 4]) }],
    iv: new Uint8Array(12).fill(7),
    ...(text === null ? {} : { payload: new TextEncoder().encode(text) }),
  };
}

/** The children an OMEMO `<message>` carries (encrypted element, hints, EME, fallback body) as XML text. */
export function encryptedChildren(text: string | null, sid = SENDER_DEVICE): string {
  return encryptedMessageChildren(sealed(text, sid))
    .map((child) => child.toString())
    .join('');
}

export interface Opening {
  readonly from: string;
  readonly sid: number;
  readonly text: string | null;
}

/**
 * A stand-in OpenEncrypted: records each call in order; answers the payload's text, or what `answer` says for it
 * (a failure, or a promise the test resolves later).
 */
export function fakeOpener(answer: (text: string | null) => Opened | Promise<Opened> | null = () => null) {
  const calls: Opening[] = [];
  const open: OpenEncrypted = async (from: Jid, message: EncryptedMessage) => {
    const text = message.payload === undefined ? null : new TextDecoder().decode(message.payload);
    calls.push({ from: from.full, sid: message.sid, text });
    return (await answer(text)) ?? { ok: true, body: text ?? '' };
  };
  return { open, calls };
}

/** A promise the test settles when it wants (slow decryption or encryption). */
export function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Once every promise chain already started has run (the next turn of the event loop): a barrier, not a wait. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
