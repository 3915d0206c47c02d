/**
 * One XEP-0402 bookmark as the account's PEP node stores it: `<item id='room@service'>` holding
 * `<conference xmlns='urn:xmpp:bookmarks:1' name=... autojoin=...><nick/><password/></conference>`. The
 * store is ours but any of the account's clients (or a broken one) may have written it, so it is read with
 * limits: an item whose id is not a room address is dropped, long texts are dropped rather than trusted.
 */
import { xml, type Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { MAX_BOOKMARK_NAME_CHARS, MAX_BOOKMARK_PASSWORD_CHARS, type Bookmark } from '../../../../app/domain/rooms.js';
import { NS } from '../namespaces.js';
import { attr, singleChild } from '../stanza-read.js';
import { validNick } from '../rooms/muc-user.js';

/** A room address (local@service, no resource) in its normal bare form, or null. */
export function roomAddressOrNull(value: string | null): string | null {
  const jid = jidOrNull(value);
  return jid === null || jid.local === null || jid.resource !== null ? null : jid.bare;
}

/** A short text without control characters, or null (absent, empty, too long or odd). */
function plainText(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length === 0 || text.length > max || /\p{Cc}/u.test(text)) return null;
  return text;
}

/** XML Schema boolean: 'true' or '1'. Anything else (absent included) is false. */
const xsdTrue = (value: string | null) => value === 'true' || value === '1';

/** Reads a pubsub `<item>` of the bookmarks node; null when it is not a usable bookmark. */
export function parseBookmarkItem(item: Element): Bookmark | null {
  const room = roomAddressOrNull(attr(item, 'id'));
  const conference = singleChild(item, 'conference', NS.bookmarks);
  if (room === null || conference === null) return null;
  return {
    room,
    name: plainText(attr(conference, 'name'), MAX_BOOKMARK_NAME_CHARS),
    autojoin: xsdTrue(attr(conference, 'autojoin')),
    nick: validNick(conference.getChildText('nick', NS.bookmarks)?.trim() ?? null),
    password: plainText(conference.getChildText('password', NS.bookmarks), MAX_BOOKMARK_PASSWORD_CHARS),
  };
}

/** The `<item>` to publish for a bookmark (its id is the room address, as XEP-0402 §3 asks). */
export function bookmarkItem(bookmark: Bookmark): Element {
  return xml(
    'item',
    { id: bookmark.room },
    xml(
      'conference',
      { xmlns: NS.bookmarks, name: bookmark.name ?? undefined, autojoin: bookmark.autojoin ? 'true' : 'false' },
      ...(bookmark.nick === null ? [] : [xml('nick', {}, bookmark.nick)]),
      ...(bookmark.password === null ? [] : [xml('password', {}, bookmark.password)]),
    ),
  );
}
