import { describe, expect, it } from 'vitest';
import { bundleElement, bundleProblem, parseBundle, readBundleItems } from '../../../../../main/xmpp/features/omemo/bundle.js';
import { parseStanza } from '../fake-link.js';
import { b64, bytes, OMEMO, publicKey, validBundle } from './omemo-test-data.js';

interface Parts {
  signedId?: string | null;
  signedKey?: string;
  signature?: string;
  identity?: string;
  prekeys?: string;
  extra?: string;
}

/** A bundle as XML text, every part valid unless the test replaces it (null leaves the attribute out). */
function bundleXml(parts: Parts = {}): string {
  const signedId = parts.signedId === undefined ? " signedPreKeyId='1'" : parts.signedId === null ? '' : ` signedPreKeyId='${parts.signedId}'`;
  const prekeys = parts.prekeys ?? `<preKeyPublic preKeyId='1'>${b64(publicKey(40))}</preKeyPublic>`;
  return (
    `<bundle xmlns='${OMEMO}'>` +
    `<signedPreKeyPublic${signedId}>${parts.signedKey ?? b64(publicKey(20))}</signedPreKeyPublic>` +
    `<signedPreKeySignature>${parts.signature ?? b64(bytes(64, 30))}</signedPreKeySignature>` +
    `<identityKey>${parts.identity ?? b64(publicKey(10))}</identityKey>` +
    `<prekeys>${prekeys}</prekeys>${parts.extra ?? ''}</bundle>`
  );
}

const parse = (parts: Parts = {}) => parseBundle(parseStanza(bundleXml(parts)));
const refusal = (kind: string, where: string) => ({ ok: false, problem: { kind, where } });
const preKey = (id: string, key: Uint8Array) => `<preKeyPublic preKeyId='${id}'>${b64(key)}</preKeyPublic>`;

describe('an OMEMO bundle', () => {
  it('reads the identity key, the signed pre-key with its signature, and the one-time pre-keys', () => {
    expect(parse()).toEqual({
      ok: true,
      value: { identityKey: publicKey(10), signedPreKey: { id: 1, publicKey: publicKey(20), signature: bytes(64, 30) }, preKeys: [{ id: 1, publicKey: publicKey(40) }] },
      ignored: [],
    });
  });

  it('reads keys folded into lines, as Conversations writes them', () => {
    const folded = `${b64(publicKey(10)).slice(0, 20)}\n${b64(publicKey(10)).slice(20)}\n`;
    expect(parse({ identity: folded })).toMatchObject({ ok: true, value: { identityKey: publicKey(10) } });
  });

  it('refuses keys that are not 33 bytes with the 0x05 type byte', () => {
    expect(parse({ identity: b64(bytes(32)) })).toEqual(refusal('bad-length', 'identityKey'));
    expect(parse({ identity: b64(new Uint8Array([0x05, ...bytes(33)])) })).toEqual(refusal('bad-length', 'identityKey'));
    expect(parse({ identity: b64(new Uint8Array([0x06, ...bytes(32)])) })).toEqual(refusal('bad-key-type', 'identityKey'));
    expect(parse({ signedKey: b64(bytes(33)) })).toEqual(refusal('bad-key-type', 'signedPreKeyPublic'));
  });

  it('refuses a signature that is not 64 bytes', () => {
    expect(parse({ signature: b64(bytes(63)) })).toEqual(refusal('bad-length', 'signedPreKeySignature'));
    expect(parse({ signature: b64(bytes(65)) })).toEqual(refusal('bad-length', 'signedPreKeySignature'));
  });

  it('refuses bad base64 in any key, and keys far too long before decoding them', () => {
    expect(parse({ identity: 'not base64!' })).toEqual(refusal('bad-base64', 'identityKey'));
    expect(parse({ signature: '' })).toEqual(refusal('bad-base64', 'signedPreKeySignature'));
    expect(parse({ signedKey: b64(publicKey(20)).replace(/=*$/, '=====') })).toEqual(refusal('bad-base64', 'signedPreKeyPublic'));
    expect(parse({ identity: 'A'.repeat(100_000) })).toEqual(refusal('too-big', 'identityKey'));
  });

  it('refuses a signed pre-key id that is missing or not a number', () => {
    expect(parse({ signedId: null })).toEqual(refusal('bad-key-id', 'signedPreKeyPublic@signedPreKeyId'));
    expect(parse({ signedId: '-1' })).toEqual(refusal('bad-key-id', 'signedPreKeyPublic@signedPreKeyId'));
    expect(parse({ signedId: '4294967296' })).toEqual(refusal('bad-key-id', 'signedPreKeyPublic@signedPreKeyId'));
  });

  it('refuses a bundle missing a part, or giving one twice', () => {
    const whole = bundleXml();
    for (const name of ['signedPreKeyPublic', 'signedPreKeySignature', 'identityKey', 'prekeys']) {
      const without = whole.replace(new RegExp(`<${name}[ >].*?</${name}>`), '');
      expect(parseBundle(parseStanza(without)), name).toEqual(refusal('missing-element', name));
    }
    expect(parse({ extra: `<identityKey>${b64(publicKey(11))}</identityKey>` })).toEqual(refusal('ambiguous-element', 'identityKey'));
    expect(parseBundle(parseStanza(`<bundle xmlns='urn:xmpp:omemo:2'/>`))).toEqual(refusal('missing-element', 'bundle'));
  });

  it('drops malformed and repeated one-time pre-keys and keeps the good ones', () => {
    const prekeys = [
      preKey('1', publicKey(40)),
      preKey('1', publicKey(41)),
      preKey('2', bytes(33)),
      preKey('x', publicKey(42)),
      `<preKeyPublic preKeyId='3'>***</preKeyPublic>`,
      preKey('4', publicKey(43)),
    ].join('');
    expect(parse({ prekeys })).toEqual({
      ok: true,
      value: expect.objectContaining({ preKeys: [{ id: 1, publicKey: publicKey(40) }, { id: 4, publicKey: publicKey(43) }] }),
      ignored: [
        { kind: 'duplicate', where: 'preKeyPublic@preKeyId' },
        { kind: 'bad-key-type', where: 'preKeyPublic' },
        { kind: 'bad-key-id', where: 'preKeyPublic@preKeyId' },
        { kind: 'bad-base64', where: 'preKeyPublic' },
      ],
    });
  });

  it('refuses a bundle with no usable one-time pre-key', () => {
    expect(parse({ prekeys: '' })).toEqual(refusal('no-prekeys', 'prekeys'));
    expect(parse({ prekeys: preKey('1', bytes(33)) })).toEqual(refusal('no-prekeys', 'prekeys'));
  });

  it('refuses more than 200 one-time pre-keys, and accepts 200', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => preKey(String(i + 1), publicKey(i))).join('');
    expect(parse({ prekeys: many(201) })).toEqual(refusal('too-many', 'preKeyPublic'));
    const full = parse({ prekeys: many(200) });
    expect(full.ok && full.value.preKeys).toHaveLength(200);
  });

  it('round-trips through the element we publish', () => {
    const bundle = validBundle(100);
    expect(bundleProblem(bundle)).toBeNull();
    expect(parseBundle(parseStanza(bundleElement(bundle).toString()))).toEqual({ ok: true, value: bundle, ignored: [] });
  });
});

describe('checking our own bundle before it is published', () => {
  it('names the part our parser would refuse', () => {
    const good = validBundle();
    expect(bundleProblem({ ...good, identityKey: bytes(33) })).toEqual({ kind: 'bad-length', where: 'identityKey' });
    expect(bundleProblem({ ...good, signedPreKey: { ...good.signedPreKey, signature: bytes(10) } })).toEqual({ kind: 'bad-length', where: 'signedPreKeySignature' });
    expect(bundleProblem({ ...good, signedPreKey: { ...good.signedPreKey, id: -1 } })).toEqual({ kind: 'bad-key-id', where: 'signedPreKeyPublic@signedPreKeyId' });
    expect(bundleProblem({ ...good, preKeys: [] })).toEqual({ kind: 'no-prekeys', where: 'prekeys' });
    expect(bundleProblem({ ...good, preKeys: validBundle(201).preKeys })).toEqual({ kind: 'too-many', where: 'preKeyPublic' });
    expect(bundleProblem({ ...good, preKeys: [good.preKeys[0]!, good.preKeys[0]!] })).toEqual({ kind: 'duplicate', where: 'preKeyPublic@preKeyId' });
    expect(bundleProblem({ ...good, preKeys: [{ id: 1.5, publicKey: publicKey() }] })).toEqual({ kind: 'bad-key-id', where: 'preKeyPublic@preKeyId' });
  });
});

describe('the bundle in pubsub items', () => {
  const items = (inner: string) => parseStanza(`<items xmlns='http://jabber.org/protocol/pubsub' node='${OMEMO}.bundles:5'>${inner}</items>`);

  it('is null when nothing was published', () => {
    expect(readBundleItems(items(''))).toBeNull();
  });

  it("reads the 'current' item's bundle", () => {
    expect(readBundleItems(items(`<item id='current'>${bundleXml()}</item>`))).toMatchObject({ ok: true, value: { identityKey: publicKey(10) } });
  });

  it('refuses an item without a bundle', () => {
    expect(readBundleItems(items(`<item id='current'><list xmlns='${OMEMO}'/></item>`))).toEqual(refusal('missing-element', 'bundle'));
  });
});
