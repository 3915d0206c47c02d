/**
 * Reads what contacts tell us about their avatars and nicknames, with limits: a PEP notification of avatar
 * metadata (XEP-0084 §4.2), the photo hash in presence (XEP-0153 §3.2), a nickname notification (XEP-0172)
 * and the picture data itself (a PEP data item, a vCard PHOTO). All of it is hostile until checked; the
 * checks of the picture's hash and content happen where it is kept (main/media/avatar-cache.ts).
 */
import type { Element } from '@xmpp/xml';
import { AVATAR_HASH, MAX_AVATAR_BYTES, MAX_NICKNAME_CHARS } from '../../../../app/domain/avatars.js';
import { bareJidOrNull } from '../../../../app/domain/address/jid.js';
import { decodeStrictBase64 } from '../../../encoding/base64.js';
import { NS } from '../namespaces.js';
import { attr, isStanza } from '../stanza-read.js';

/** Someone's avatar as announced: its hash, or null for "no avatar". */
export interface AvatarNotice {
  readonly jid: string;
  readonly hash: string | null;
}

/** The longest base64 text a picture of MAX_AVATAR_BYTES can take (whitespace aside). */
const MAX_BASE64_CHARS = Math.ceil(MAX_AVATAR_BYTES / 3) * 4;

const hashOrNull = (value: string | null): string | null => {
  const lower = value?.toLowerCase() ?? null;
  return lower !== null && AVATAR_HASH.test(lower) ? lower : null;
};

/** The items of a PEP notification on `node`, with the sender's bare address; null for anything else. */
function pepItems(stanza: Element, node: string): { readonly from: string; readonly items: Element | null } | null {
  if (!isStanza(stanza, 'message')) return null;
  const event = stanza.getChild('event', NS.pubsubEvent);
  const items = event?.getChild('items', NS.pubsubEvent);
  // A purged node (Prosody's vCard conversion purges before it republishes) holds nothing any more.
  const purge = event?.getChild('purge', NS.pubsubEvent);
  const found = items !== undefined && attr(items, 'node') === node ? items : purge !== undefined && attr(purge, 'node') === node ? null : undefined;
  if (found === undefined) return null;
  const from = bareJidOrNull(attr(stanza, 'from') ?? '');
  return from === null ? null : { from, items: found };
}

/**
 * An avatar metadata notification: the PNG entry's id (every publisher must offer PNG, §4.2), else the first
 * entry kept on the PEP node (one with a `url` lives elsewhere and is not fetched). Too big an entry, or one
 * whose id is not a SHA-1, counts as no usable avatar: undefined (nothing to do), unlike null (removed).
 */
export function readMetadataNotice(stanza: Element): AvatarNotice | undefined | null {
  const pep = pepItems(stanza, NS.avatarMetadata);
  if (pep === null) return null;
  if (pep.items === null) return { jid: pep.from, hash: null };
  const metadata = pep.items.getChildren('item', NS.pubsubEvent)[0]?.getChild('metadata', NS.avatarMetadata);
  if (metadata === undefined) return pep.items.getChildren('retract', NS.pubsubEvent).length > 0 ? { jid: pep.from, hash: null } : undefined;
  const all = metadata.getChildren('info', NS.avatarMetadata);
  if (all.length === 0) return { jid: pep.from, hash: null };
  const infos = all.filter((info) => attr(info, 'url') === null);
  const info = infos.find((i) => attr(i, 'type') === 'image/png') ?? infos[0];
  if (info === undefined) return undefined;
  const bytes = Number(attr(info, 'bytes') ?? '0');
  if (!Number.isFinite(bytes) || bytes > MAX_AVATAR_BYTES) return undefined;
  const hash = hashOrNull(attr(info, 'id'));
  return hash === null ? undefined : { jid: pep.from, hash };
}

/**
 * The photo hash a presence carries (XEP-0153 §3.2): a hash, null for an empty <photo/> ("no avatar"), or
 * undefined when the presence says nothing about it (no element, or "not ready yet" without <photo/>).
 */
export function readPresencePhoto(stanza: Element): AvatarNotice | undefined {
  if (!isStanza(stanza, 'presence') || attr(stanza, 'type') !== null) return undefined;
  const photo = stanza.getChild('x', NS.vcardUpdate)?.getChild('photo', NS.vcardUpdate);
  const jid = bareJidOrNull(attr(stanza, 'from') ?? '');
  if (photo === undefined || jid === null) return undefined;
  const text = photo.getText().trim();
  if (text === '') return { jid, hash: null };
  const hash = hashOrNull(text);
  return hash === null ? undefined : { jid, hash };
}

/** A nickname notification: the nickname (trimmed, cut to MAX_NICKNAME_CHARS), or null when removed. */
export function readNickNotice(stanza: Element): { readonly jid: string; readonly nick: string | null } | null {
  const pep = pepItems(stanza, NS.nick);
  if (pep === null) return null;
  const nick = pep.items?.getChildren('item', NS.pubsubEvent)[0]?.getChild('nick', NS.nick);
  const text = nick?.getText().trim().slice(0, MAX_NICKNAME_CHARS) ?? '';
  return { jid: pep.from, nick: text === '' ? null : text };
}

/** base64 picture bytes with the whitespace vCards fold them with; null when too long or not base64. */
export function decodePicture(text: string): Uint8Array | null {
  if (text.length > MAX_BASE64_CHARS * 2) return null;
  const compact = text.replace(/\s+/g, '');
  if (compact.length > MAX_BASE64_CHARS) return null;
  return decodeStrictBase64(compact);
}

/** The bytes of the data item in an answer to avatarDataRequest, or null. */
export function readDataAnswer(answer: Element, hash: string): Uint8Array | null {
  const items = answer.getChild('pubsub', NS.pubsub)?.getChild('items', NS.pubsub);
  const item = items?.getChildren('item', NS.pubsub).find((i) => attr(i, 'id')?.toLowerCase() === hash);
  const data = item?.getChild('data', NS.avatarData);
  return data === undefined ? null : decodePicture(data.getText());
}

/** The PHOTO bytes of a vCard answer, or null. */
export function readVcardPhoto(answer: Element): Uint8Array | null {
  const binval = answer.getChild('vCard', NS.vcard)?.getChild('PHOTO', NS.vcard)?.getChild('BINVAL', NS.vcard);
  return binval === undefined ? null : decodePicture(binval.getText());
}
