/**
 * The avatars and nicknames part of the IPC contract (issue 14: XEP-0084, XEP-0153, XEP-0172): requests'
 * schemas, their answers and the events. contract.ts spreads these into the one contract.
 */
import { z } from 'zod';
import type { AccountId } from '../domain/account.js';
import { MAX_OWN_AVATAR_INPUT_BYTES, type ContactNickname } from '../domain/avatars.js';
import { accountId, bareJid } from './fields.js';

/** Base64 of at most MAX_OWN_AVATAR_INPUT_BYTES bytes (4 characters for every 3 bytes). */
const MAX_IMAGE_BASE64_CHARS = Math.ceil(MAX_OWN_AVATAR_INPUT_BYTES / 3) * 4;

export const avatarRequestSchemas = {
  /** A contact's (or our own) avatar as a data: URL, or null when there is none we could check. Works offline. */
  getAvatar: z.strictObject({ accountId, jid: bareJid }),
  /** Sets our own avatar from a picture file's bytes (base64): checked, made at most 192x192, published. */
  setOwnAvatar: z.strictObject({ accountId, image: z.string().min(1).max(MAX_IMAGE_BASE64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
  /** Removes our own avatar (XEP-0084 empty metadata, and the vCard's PHOTO). */
  removeOwnAvatar: z.strictObject({ accountId }),
  /** The nicknames the account's contacts published (XEP-0172), as learnt since it came online. */
  listNicknames: z.strictObject({ accountId }),
};

export interface AvatarResponseTypes {
  getAvatar: string | null;
  setOwnAvatar: null;
  removeOwnAvatar: null;
  listNicknames: readonly ContactNickname[];
}

export interface AvatarEventPayloads {
  /** A contact's (or our own) avatar changed or went away: ask getAvatar again. */
  avatarChanged: { readonly accountId: AccountId; readonly jid: string };
  /** A contact published a nickname, or removed it (null). */
  nicknameChanged: { readonly accountId: AccountId; readonly jid: string; readonly nick: string | null };
}
