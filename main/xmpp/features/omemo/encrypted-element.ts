/**
 * The `<encrypted/>` element of an OMEMO message (XEP-0384 0.3):
 *
 *   <encrypted xmlns='eu.siacs.conversations.axolotl'>
 *     <header sid='27183'>
 *       <key rid='31415'>BASE64</key>
 *       <key prekey='true' rid='12321'>BASE64</key>
 *       <iv>BASE64</iv>
 *     </header>
 *     <payload>BASE64</payload>
 *   </encrypted>
 *
 * and what travels beside it so that servers keep it and other clients explain it: a storage hint
 * (XEP-0334; a message whose only body is the fallback could otherwise be skipped by an archive), the
 * XEP-0380 encryption marker and a fallback body for clients without OMEMO.
 *
 * A message with no payload is a key-transport message (it sets up or repairs a session). A key that is
 * malformed, or a second key for the same device, is dropped and reported; the sender id, the IV and at
 * least one usable key must be right, or the element is refused.
 */
import { xml, type Element } from '@xmpp/xml';
import type { DeviceId, EncryptedMessage, KeyForDevice } from '../../../omemo/omemo-types.js';
import { encodeBase64 } from '../../../encoding/base64.js';
import { NS } from '../namespaces.js';
import { attr, singleChild } from '../stanza-read.js';
import {
  deviceIdOrNull,
  IV_LENGTHS,
  MAX_KEY_BYTES,
  MAX_KEYS_PER_MESSAGE,
  MAX_PAYLOAD_BYTES,
  readWireBytes,
  refused,
  xsdBooleanOrNull,
  type OmemoWireProblem,
  type WireResult,
} from './omemo-wire-values.js';

/** What clients without OMEMO show: the wording the OMEMO clients use, which people already recognise. */
export const OMEMO_FALLBACK_BODY = "I sent you an OMEMO encrypted message but your client doesn't seem to support that.";

/** XEP-0380's name for this encryption, shown by clients that know the namespace but not the method. */
const EME_NAME = 'OMEMO';

const MAX_IV_READ_BYTES = 64;

export function encryptedElement(message: EncryptedMessage): Element {
  const keys = message.keys.map((key) => xml('key', { rid: String(key.rid), prekey: key.prekey ? 'true' : undefined }, encodeBase64(key.data)));
  return xml(
    'encrypted',
    { xmlns: NS.omemo },
    xml('header', { sid: String(message.sid) }, ...keys, xml('iv', {}, encodeBase64(message.iv))),
    ...(message.payload === undefined ? [] : [xml('payload', {}, encodeBase64(message.payload))]),
  );
}

/**
 * Every child an OMEMO `<message>` carries besides its addressing: the encrypted element, the storage hint,
 * the XEP-0380 marker and, for a message with a payload, the fallback body. A key-transport message gets no
 * body: it has nothing to say to a person, and a body would make archives and notifications show it.
 */
export function encryptedMessageChildren(message: EncryptedMessage): Element[] {
  return [
    encryptedElement(message),
    xml('store', { xmlns: NS.hints }),
    xml('encryption', { xmlns: NS.eme, namespace: NS.omemo, name: EME_NAME }),
    ...(message.payload === undefined ? [] : [xml('body', {}, OMEMO_FALLBACK_BODY)]),
  ];
}

function readKeys(header: Element): WireResult<readonly KeyForDevice[]> {
  const all = header.getChildren('key', NS.omemo);
  if (all.length > MAX_KEYS_PER_MESSAGE) return refused('too-many', 'key');
  const keys: KeyForDevice[] = [];
  const seen = new Set<DeviceId>();
  const ignored: OmemoWireProblem[] = [];
  for (const element of all) {
    const rid = deviceIdOrNull(attr(element, 'rid'));
    const prekey = xsdBooleanOrNull(attr(element, 'prekey'));
    const data = readWireBytes(element.getText(), MAX_KEY_BYTES, 'key');
    if (rid === null) ignored.push({ kind: 'bad-device-id', where: 'key@rid' });
    else if (seen.has(rid)) ignored.push({ kind: 'duplicate', where: 'key@rid' });
    else if (prekey === null) ignored.push({ kind: 'bad-attribute', where: 'key@prekey' });
    else if (!data.ok) ignored.push(data.problem);
    else {
      seen.add(rid);
      keys.push({ rid, prekey, data: data.bytes });
    }
  }
  return keys.length === 0 ? refused('no-keys', 'key') : { ok: true, value: keys, ignored };
}

/** Reads an `<encrypted>` element; never throws. */
export function parseEncrypted(encrypted: Element): WireResult<EncryptedMessage> {
  if (encrypted.getName() !== 'encrypted' || encrypted.getNS() !== NS.omemo) return refused('missing-element', 'encrypted');
  const headers = encrypted.getChildren('header', NS.omemo);
  const header = singleChild(encrypted, 'header', NS.omemo);
  if (header === null) return refused(headers.length === 0 ? 'missing-element' : 'ambiguous-element', 'header');
  const sid = deviceIdOrNull(attr(header, 'sid'));
  if (sid === null) return refused('bad-device-id', 'header@sid');

  const ivs = header.getChildren('iv', NS.omemo);
  const ivElement = singleChild(header, 'iv', NS.omemo);
  if (ivElement === null) return refused(ivs.length === 0 ? 'missing-element' : 'ambiguous-element', 'iv');
  // Read with room to spare, so that a wrong length is told as such.
  const iv = readWireBytes(ivElement.getText(), MAX_IV_READ_BYTES, 'iv');
  if (!iv.ok) return iv;
  if (!IV_LENGTHS.includes(iv.bytes.length)) return refused('bad-length', 'iv');

  const keys = readKeys(header);
  if (!keys.ok) return keys;

  const payloads = encrypted.getChildren('payload', NS.omemo);
  if (payloads.length > 1) return refused('ambiguous-element', 'payload');
  const payloadElement = payloads[0];
  if (payloadElement === undefined) return { ok: true, value: { sid, keys: keys.value, iv: iv.bytes }, ignored: keys.ignored };
  const payload = readWireBytes(payloadElement.getText(), MAX_PAYLOAD_BYTES, 'payload');
  if (!payload.ok) return payload;
  return { ok: true, value: { sid, keys: keys.value, iv: iv.bytes, payload: payload.bytes }, ignored: keys.ignored };
}

/**
 * The OMEMO content of a `<message>`: null when it has none (an ordinary message), else the parsed element.
 * Two encrypted elements are refused: which one the sender meant is a guess, and the body would be too.
 */
export function readEncryptedMessage(message: Element): WireResult<EncryptedMessage> | null {
  const all = message.getChildren('encrypted', NS.omemo);
  const first = all[0];
  if (first === undefined) return null;
  return all.length > 1 ? refused('ambiguous-element', 'encrypted') : parseEncrypted(first);
}
