import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { EncryptedMessage } from '../../../../../main/omemo/omemo-types.js';
import {
  encryptedElement,
  encryptedMessageChildren,
  OMEMO_FALLBACK_BODY,
  parseEncrypted,
  readEncryptedMessage,
} from '../../../../../main/xmpp/features/omemo/encrypted-element.js';
import { onTheWire, parseStanza } from '../fake-link.js';
import { b64, bytes, OMEMO } from './omemo-test-data.js';

const refusal = (kind: string, where: string) => ({ ok: false, problem: { kind, where } });

/** An encrypted element as XML text; the header's content and the payload are the test's to choose. */
function encryptedXml(options: { sid?: string; keys?: string; iv?: string; payload?: string } = {}): string {
  const keys = options.keys ?? `<key rid='31415'>${b64(bytes(40, 1))}</key><key prekey='true' rid='12321'>${b64(bytes(200, 2))}</key>`;
  const iv = options.iv ?? `<iv>${b64(bytes(12, 3))}</iv>`;
  return `<encrypted xmlns='${OMEMO}'><header sid='${options.sid ?? '27183'}'>${keys}${iv}</header>${options.payload ?? `<payload>${b64(bytes(20, 4))}</payload>`}</encrypted>`;
}

const parse = (options: Parameters<typeof encryptedXml>[0] = {}) => parseEncrypted(parseStanza(encryptedXml(options)));

describe('an OMEMO encrypted element', () => {
  it('reads the sender device, the keys with their prekey flag, the IV and the payload', () => {
    expect(parse()).toEqual({
      ok: true,
      value: {
        sid: 27183,
        keys: [
          { rid: 31415, prekey: false, data: bytes(40, 1) },
          { rid: 12321, prekey: true, data: bytes(200, 2) },
        ],
        iv: bytes(12, 3),
        payload: bytes(20, 4),
      },
      ignored: [],
    });
  });

  it("reads prekey='1' as true and prekey='false' or '0' as false", () => {
    const keys = `<key prekey='1' rid='1'>${b64(bytes(8))}</key><key prekey='false' rid='2'>${b64(bytes(8))}</key><key prekey='0' rid='3'>${b64(bytes(8))}</key>`;
    const result = parse({ keys });
    expect(result.ok && result.value.keys.map((k) => k.prekey)).toEqual([true, false, false]);
  });

  it('is a key-transport message when there is no payload', () => {
    const result = parse({ payload: '' });
    expect(result).toMatchObject({ ok: true, value: { sid: 27183 } });
    expect(result.ok && 'payload' in result.value).toBe(false);
  });

  it('takes a 16-byte IV (older clients) and refuses other lengths', () => {
    expect(parse({ iv: `<iv>${b64(bytes(16))}</iv>` })).toMatchObject({ ok: true, value: { iv: bytes(16) } });
    expect(parse({ iv: `<iv>${b64(bytes(11))}</iv>` })).toEqual(refusal('bad-length', 'iv'));
    expect(parse({ iv: `<iv>${b64(bytes(13))}</iv>` })).toEqual(refusal('bad-length', 'iv'));
    expect(parse({ iv: `<iv>${b64(bytes(32))}</iv>` })).toEqual(refusal('bad-length', 'iv'));
    expect(parse({ iv: `<iv>${b64(bytes(65))}</iv>` })).toEqual(refusal('too-big', 'iv'));
    expect(parse({ iv: '<iv>!!</iv>' })).toEqual(refusal('bad-base64', 'iv'));
    expect(parse({ iv: '' })).toEqual(refusal('missing-element', 'iv'));
    expect(parse({ iv: `<iv>${b64(bytes(12))}</iv><iv>${b64(bytes(12))}</iv>` })).toEqual(refusal('ambiguous-element', 'iv'));
  });

  it('refuses a sender id out of range', () => {
    for (const sid of ['0', '2147483648', '-5', 'abc', '']) expect(parse({ sid }), sid).toEqual(refusal('bad-device-id', 'header@sid'));
  });

  it('drops keys with a bad recipient, flag or base64, and repeated recipients; refuses when none is left', () => {
    const good = `<key rid='9'>${b64(bytes(8))}</key>`;
    const keys = [
      good,
      `<key rid='9'>${b64(bytes(9))}</key>`,
      `<key rid='0'>${b64(bytes(8))}</key>`,
      `<key rid='10' prekey='yes'>${b64(bytes(8))}</key>`,
      `<key rid='11'>%%%</key>`,
      `<key rid='12'></key>`,
      `<key rid='13'>${b64(bytes(1025))}</key>`,
    ].join('');
    expect(parse({ keys })).toEqual({
      ok: true,
      value: expect.objectContaining({ keys: [{ rid: 9, prekey: false, data: bytes(8) }] }),
      ignored: [
        { kind: 'duplicate', where: 'key@rid' },
        { kind: 'bad-device-id', where: 'key@rid' },
        { kind: 'bad-attribute', where: 'key@prekey' },
        { kind: 'bad-base64', where: 'key' },
        { kind: 'bad-base64', where: 'key' },
        { kind: 'too-big', where: 'key' },
      ],
    });
    expect(parse({ keys: '' })).toEqual(refusal('no-keys', 'key'));
    expect(parse({ keys: `<key rid='0'>${b64(bytes(8))}</key>` })).toEqual(refusal('no-keys', 'key'));
  });

  it('refuses more than 500 keys', () => {
    const keys = Array.from({ length: 501 }, (_, i) => `<key rid='${i + 1}'>AAAA</key>`).join('');
    expect(parse({ keys })).toEqual(refusal('too-many', 'key'));
  });

  it('refuses a missing or repeated header, a bad or repeated payload, and a payload over 256 KiB', () => {
    expect(parseEncrypted(parseStanza(`<encrypted xmlns='${OMEMO}'><payload>AAAA</payload></encrypted>`))).toEqual(refusal('missing-element', 'header'));
    const twoHeaders = encryptedXml().replace('</header>', `</header><header sid='1'/>`);
    expect(parseEncrypted(parseStanza(twoHeaders))).toEqual(refusal('ambiguous-element', 'header'));
    expect(parse({ payload: '<payload>not base64</payload>' })).toEqual(refusal('bad-base64', 'payload'));
    expect(parse({ payload: '<payload/>' })).toEqual(refusal('bad-base64', 'payload'));
    expect(parse({ payload: '<payload>AAAA</payload><payload>AAAA</payload>' })).toEqual(refusal('ambiguous-element', 'payload'));
    expect(parse({ payload: `<payload>${b64(new Uint8Array(256 * 1024 + 1))}</payload>` })).toEqual(refusal('too-big', 'payload'));
    expect(parse({ payload: `<payload>${b64(new Uint8Array(256 * 1024))}</payload>` })).toMatchObject({ ok: true });
  });

  it('refuses an element of another OMEMO version', () => {
    expect(parseEncrypted(parseStanza(`<encrypted xmlns='urn:xmpp:omemo:2'/>`))).toEqual(refusal('missing-element', 'encrypted'));
  });

  it('round-trips through the element we send, with and without a payload', () => {
    const message: EncryptedMessage = {
      sid: 2147483647,
      keys: [
        { rid: 1, prekey: true, data: bytes(180) },
        { rid: 2, prekey: false, data: bytes(60, 7) },
      ],
      iv: bytes(12, 9),
      payload: bytes(33, 11),
    };
    expect(parseEncrypted(onTheWire(encryptedElement(message)))).toEqual({ ok: true, value: message, ignored: [] });
    const keyTransport: EncryptedMessage = { sid: 5, keys: [{ rid: 6, prekey: false, data: bytes(40) }], iv: bytes(12) };
    expect(parseEncrypted(onTheWire(encryptedElement(keyTransport)))).toEqual({ ok: true, value: keyTransport, ignored: [] });
  });

  it("writes prekey='true' only on pre-key messages", () => {
    const element = encryptedElement({ sid: 5, keys: [{ rid: 6, prekey: true, data: bytes(4) }, { rid: 7, prekey: false, data: bytes(4) }], iv: bytes(12) });
    expect(element.getChild('header')?.getChildren('key').map((k) => k.attrs.prekey)).toEqual(['true', undefined]);
  });
});

describe('an OMEMO message', () => {
  const message: EncryptedMessage = { sid: 27183, keys: [{ rid: 31415, prekey: false, data: bytes(40) }], iv: bytes(12), payload: bytes(16) };

  it('carries the encrypted element, a storage hint, the XEP-0380 marker and a fallback body', () => {
    const stanza = onTheWire(xml('message', { to: 'juliet@capulet.lit', type: 'chat' }, ...encryptedMessageChildren(message)));
    expect(stanza.getChild('encrypted', OMEMO)).toBeDefined();
    expect(stanza.getChild('store', 'urn:xmpp:hints')).toBeDefined();
    expect(stanza.getChild('encryption', 'urn:xmpp:eme:0')?.attrs).toMatchObject({ namespace: OMEMO, name: 'OMEMO' });
    expect(stanza.getChildText('body')).toBe(OMEMO_FALLBACK_BODY);
    expect(readEncryptedMessage(stanza)).toEqual({ ok: true, value: message, ignored: [] });
  });

  it('has no body when it only carries keys', () => {
    const { payload: _, ...keyTransport } = message;
    const stanza = onTheWire(xml('message', { to: 'juliet@capulet.lit', type: 'chat' }, ...encryptedMessageChildren(keyTransport)));
    expect(stanza.getChild('body')).toBeUndefined();
    expect(stanza.getChild('store', 'urn:xmpp:hints')).toBeDefined();
  });

  it('is read as not OMEMO without an encrypted element, and refused with two', () => {
    expect(readEncryptedMessage(parseStanza(`<message><body>hi</body></message>`))).toBeNull();
    expect(readEncryptedMessage(parseStanza(`<message>${encryptedXml()}${encryptedXml()}</message>`))).toEqual(refusal('ambiguous-element', 'encrypted'));
  });
});
