/**
 * The requests behind avatars and nicknames: XEP-0084 (PEP nodes urn:xmpp:avatar:data and :metadata),
 * XEP-0153 (vcard-temp PHOTO, for clients that know only vCards) and XEP-0172 (the nick node, read only).
 * Publishing goes to our own account (no `to`); reading goes to the contact's bare address.
 */
import { xml, type Element } from '@xmpp/xml';
import { NS } from '../namespaces.js';

/** One avatar as we publish it: PNG bytes, their SHA-1 (hex) and size in pixels. */
export interface PublishedAvatar {
  readonly base64: string;
  readonly hash: string;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
}

const pubsub = (type: 'get' | 'set', to: string | undefined, child: Element) => xml('iq', { type, to }, xml('pubsub', { xmlns: NS.pubsub }, child));

/** Asks a contact's PEP for the one data item whose id is `hash` (XEP-0084 §4.3). */
export function avatarDataRequest(to: string, hash: string): Element {
  return pubsub('get', to, xml('items', { node: NS.avatarData }, xml('item', { id: hash })));
}

/** Publishes the picture's bytes; always before the metadata that points at them (XEP-0084 §4.1). */
export function publishAvatarData(avatar: PublishedAvatar): Element {
  return pubsub('set', undefined, xml('publish', { node: NS.avatarData }, xml('item', { id: avatar.hash }, xml('data', { xmlns: NS.avatarData }, avatar.base64))));
}

export function publishAvatarMetadata(avatar: PublishedAvatar): Element {
  const info = xml('info', { id: avatar.hash, bytes: String(avatar.bytes), type: 'image/png', width: String(avatar.width), height: String(avatar.height) });
  return pubsub('set', undefined, xml('publish', { node: NS.avatarMetadata }, xml('item', { id: avatar.hash }, xml('metadata', { xmlns: NS.avatarMetadata }, info))));
}

/** An empty metadata element says "no avatar" (XEP-0084 §4.5). */
export function publishNoAvatar(): Element {
  return pubsub('set', undefined, xml('publish', { node: NS.avatarMetadata }, xml('item', { id: 'current' }, xml('metadata', { xmlns: NS.avatarMetadata }))));
}

/** A vCard (XEP-0054): a contact's, or our own when `to` is left out. */
export function vcardRequest(to?: string): Element {
  return xml('iq', { type: 'get', to }, xml('vCard', { xmlns: NS.vcard }));
}

/**
 * Our vCard with its PHOTO replaced (or removed when `photo` is null) and everything else kept: setting a
 * vCard replaces all of it, so the rest of what we had must go back unchanged.
 */
export function vcardWithPhoto(current: Element | null, photo: { readonly type: string; readonly base64: string } | null): Element {
  const kept = (current?.getChildElements() ?? []).filter((child) => child.getName() !== 'PHOTO');
  const children = photo === null ? kept : [...kept, xml('PHOTO', {}, xml('TYPE', {}, photo.type), xml('BINVAL', {}, photo.base64))];
  return xml('iq', { type: 'set' }, xml('vCard', { xmlns: NS.vcard }, ...children));
}
