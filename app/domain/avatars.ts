/**
 * Avatars (XEP-0084, XEP-0153) and nicknames (XEP-0172): the limits both processes share. A contact's picture
 * reaches the window only as a data: URL that the main process made after checking the picture's SHA-1 and
 * its content; the window never fetches one itself.
 */

/** The largest avatar we fetch, keep or show (bytes). XEP-0084 suggests small pictures; anything bigger is refused. */
export const MAX_AVATAR_BYTES = 512 * 1024;

/** The largest picture the window may hand over for our own avatar (bytes), before it is made smaller. */
export const MAX_OWN_AVATAR_INPUT_BYTES = 8 * 1024 * 1024;

/** Our own avatar is published at most this wide and high (pixels). */
export const OWN_AVATAR_SIZE = 192;

/** A nickname longer than this is cut (characters); XEP-0172 sets no limit, the window needs one. */
export const MAX_NICKNAME_CHARS = 100;

/** An avatar's id: the lowercase hex SHA-1 of its bytes (XEP-0084 §4.2, XEP-0153 §3.1). */
export const AVATAR_HASH = /^[0-9a-f]{40}$/;

/** A contact's nickname as they publish it (XEP-0172), shown where the roster gives no name. */
export interface ContactNickname {
  readonly jid: string;
  readonly nick: string;
}
