/**
 * One device's OMEMO bundle, the payload of the item `current` on its PEP node
 * `eu.siacs.conversations.axolotl.bundles:<device id>`:
 *
 *   <bundle xmlns='eu.siacs.conversations.axolotl'>
 *     <signedPreKeyPublic signedPreKeyId='1'>BASE64</signedPreKeyPublic>
 *     <signedPreKeySignature>BASE64</signedPreKeySignature>
 *     <identityKey>BASE64</identityKey>
 *     <prekeys><preKeyPublic preKeyId='1'>BASE64</preKeyPublic>…</prekeys>
 *   </bundle>
 *
 * The identity key, the signed pre-key and its signature must all be right, or there is no bundle: they are
 * what a session is built on. A one-time pre-key that is malformed or repeated is dropped and reported, as
 * long as one good one is left: they are unsigned, so a bad one says nothing about the others. Checking the
 * signature is the cryptography's job (main/omemo/), not the wire's.
 */
import { xml, type Element } from '@xmpp/xml';
import type { PublicBundle, PublicPreKey } from '../../../omemo/omemo-types.js';
import { encodeBase64 } from '../../../encoding/base64.js';
import { NS } from '../namespaces.js';
import { attr, singleChild } from '../stanza-read.js';
import {
  CURRENT_ITEM,
  isKeyId,
  isPublicKey,
  keyIdOrNull,
  MAX_PREKEYS,
  readPublicKey,
  readWireBytes,
  refused,
  SIGNATURE_LENGTH,
  type OmemoWireProblem,
  type WireResult,
} from './omemo-wire-values.js';

/** Our bundle as we publish it. */
export function bundleElement(bundle: PublicBundle): Element {
  const { signedPreKey } = bundle;
  return xml(
    'bundle',
    { xmlns: NS.omemo },
    xml('signedPreKeyPublic', { signedPreKeyId: String(signedPreKey.id) }, encodeBase64(signedPreKey.publicKey)),
    xml('signedPreKeySignature', {}, encodeBase64(signedPreKey.signature)),
    xml('identityKey', {}, encodeBase64(bundle.identityKey)),
    xml('prekeys', {}, ...bundle.preKeys.map((preKey) => xml('preKeyPublic', { preKeyId: String(preKey.id) }, encodeBase64(preKey.publicKey)))),
  );
}

/**
 * Why a bundle of ours would be refused by our own parser (and so, likely, by others), or null when it is
 * fine. Publishing checks this first, so a bug upstream fails here instead of on every contact's device.
 */
export function bundleProblem(bundle: PublicBundle): OmemoWireProblem | null {
  if (!isPublicKey(bundle.identityKey)) return { kind: 'bad-length', where: 'identityKey' };
  if (!isKeyId(bundle.signedPreKey.id)) return { kind: 'bad-key-id', where: 'signedPreKeyPublic@signedPreKeyId' };
  if (!isPublicKey(bundle.signedPreKey.publicKey)) return { kind: 'bad-length', where: 'signedPreKeyPublic' };
  if (bundle.signedPreKey.signature.length !== SIGNATURE_LENGTH) return { kind: 'bad-length', where: 'signedPreKeySignature' };
  if (bundle.preKeys.length === 0) return { kind: 'no-prekeys', where: 'prekeys' };
  if (bundle.preKeys.length > MAX_PREKEYS) return { kind: 'too-many', where: 'preKeyPublic' };
  const ids = new Set<number>();
  for (const preKey of bundle.preKeys) {
    if (!isKeyId(preKey.id)) return { kind: 'bad-key-id', where: 'preKeyPublic@preKeyId' };
    if (ids.has(preKey.id)) return { kind: 'duplicate', where: 'preKeyPublic@preKeyId' };
    if (!isPublicKey(preKey.publicKey)) return { kind: 'bad-length', where: 'preKeyPublic' };
    ids.add(preKey.id);
  }
  return null;
}

/** The one child of `bundle` with this name, or the problem (absent, or given twice). */
function one(bundle: Element, name: string): { readonly ok: true; readonly element: Element } | { readonly ok: false; readonly problem: OmemoWireProblem } {
  const found = bundle.getChildren(name, NS.omemo);
  if (found.length === 0) return refused('missing-element', name);
  const element = singleChild(bundle, name, NS.omemo);
  return element === null ? refused('ambiguous-element', name) : { ok: true, element };
}

function readPreKeys(prekeys: Element): WireResult<readonly PublicPreKey[]> {
  const all = prekeys.getChildren('preKeyPublic', NS.omemo);
  if (all.length > MAX_PREKEYS) return refused('too-many', 'preKeyPublic');
  const preKeys: PublicPreKey[] = [];
  const ids = new Set<number>();
  const ignored: OmemoWireProblem[] = [];
  for (const element of all) {
    const id = keyIdOrNull(attr(element, 'preKeyId'));
    const key = readPublicKey(element.getText(), 'preKeyPublic');
    if (id === null) ignored.push({ kind: 'bad-key-id', where: 'preKeyPublic@preKeyId' });
    else if (ids.has(id)) ignored.push({ kind: 'duplicate', where: 'preKeyPublic@preKeyId' });
    else if (!key.ok) ignored.push(key.problem);
    else {
      ids.add(id);
      preKeys.push({ id, publicKey: key.key });
    }
  }
  return preKeys.length === 0 ? refused('no-prekeys', 'prekeys') : { ok: true, value: preKeys, ignored };
}

/** Reads a `<bundle>` element; never throws. */
export function parseBundle(bundle: Element): WireResult<PublicBundle> {
  if (bundle.getName() !== 'bundle' || bundle.getNS() !== NS.omemo) return refused('missing-element', 'bundle');
  const signedElement = one(bundle, 'signedPreKeyPublic');
  if (!signedElement.ok) return signedElement;
  const signatureElement = one(bundle, 'signedPreKeySignature');
  if (!signatureElement.ok) return signatureElement;
  const identityElement = one(bundle, 'identityKey');
  if (!identityElement.ok) return identityElement;
  const prekeysElement = one(bundle, 'prekeys');
  if (!prekeysElement.ok) return prekeysElement;

  const signedId = keyIdOrNull(attr(signedElement.element, 'signedPreKeyId'));
  if (signedId === null) return refused('bad-key-id', 'signedPreKeyPublic@signedPreKeyId');
  const signedKey = readPublicKey(signedElement.element.getText(), 'signedPreKeyPublic');
  if (!signedKey.ok) return signedKey;
  const signature = readWireBytes(signatureElement.element.getText(), SIGNATURE_LENGTH * 4, 'signedPreKeySignature');
  if (!signature.ok) return signature;
  if (signature.bytes.length !== SIGNATURE_LENGTH) return refused('bad-length', 'signedPreKeySignature');
  const identityKey = readPublicKey(identityElement.element.getText(), 'identityKey');
  if (!identityKey.ok) return identityKey;
  const preKeys = readPreKeys(prekeysElement.element);
  if (!preKeys.ok) return preKeys;

  return {
    ok: true,
    value: { identityKey: identityKey.key, signedPreKey: { id: signedId, publicKey: signedKey.key, signature: signature.bytes }, preKeys: preKeys.value },
    ignored: preKeys.ignored,
  };
}

/**
 * The bundle in a pubsub `<items>` answer: null when the node holds no item (nothing published), else the
 * `current` item's bundle (or the first item's, from servers that kept an item under another id).
 */
export function readBundleItems(items: Element): WireResult<PublicBundle> | null {
  const all = items.getChildren('item', NS.pubsub);
  const item = all.find((i) => attr(i, 'id') === CURRENT_ITEM) ?? all[0];
  if (item === undefined) return null;
  const bundles = item.getChildren('bundle', NS.omemo);
  if (bundles.length > 1) return refused('ambiguous-element', 'bundle');
  const bundle = bundles[0];
  return bundle === undefined ? refused('missing-element', 'bundle') : parseBundle(bundle);
}
