/**
 * Avatars and nicknames of every account (issue 14: XEP-0084, XEP-0153, XEP-0172). Each online session's
 * announcements (main/xmpp/features/avatars/avatars.ts) are turned into pictures on disk (avatar-cache.ts,
 * which checks each one's SHA-1, size and content) and into a map of who shows which picture; the window
 * asks for a contact's picture as a data: URL and hears `avatarChanged` when it changes. A picture that fails
 * a check is dropped: the contact keeps their initials. Our own avatar is checked, made at most 192x192 PNG
 * (ImageResizer) and published to both PEP and the vCard.
 */
import type { AccountId } from '../../app/domain/account.js';
import { MAX_AVATAR_BYTES, MAX_OWN_AVATAR_INPUT_BYTES, OWN_AVATAR_SIZE, type ContactNickname } from '../../app/domain/avatars.js';
import { decodeStrictBase64, encodeBase64 } from '../encoding/base64.js';
import { UserFacingError } from '../ipc/handlers.js';
import { AvatarError } from '../media/avatar-error.js';
import { sha1Hex, type AvatarCache } from '../media/avatar-cache.js';
import { imageKindOf } from '../media/image-kind.js';
import type { ImageResizer } from '../media/image-resizer.js';
import type { Avatars, AvatarsEvents } from '../xmpp/features/avatars/avatars.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import type { EmitEvent } from './event-sink.js';

/** Announcements come from anyone who can send us a stanza: a bound on how many addresses we remember. */
const MAX_TRACKED_ADDRESSES = 10_000;

export interface AvatarServiceDeps {
  readonly cache: AvatarCache;
  readonly resizer: ImageResizer;
  readonly emit: EmitEvent;
  readonly log: FeatureLog;
}

export interface AvatarService {
  /** A session of `accountId` is online: follow its announcements. Returns what stops that (at detach). */
  attach(accountId: AccountId, feature: Avatars): ReadonlyArray<() => void>;
  /** The picture `jid` shows on `accountId` as a data: URL; null when none passed the checks. */
  avatar(accountId: AccountId, jid: string): Promise<string | null>;
  /** Sets our own avatar from a picture file's bytes (base64, as the window sends them). */
  setOwn(accountId: AccountId, ownJid: string, imageBase64: string): Promise<void>;
  removeOwn(accountId: AccountId, ownJid: string): Promise<void>;
  nicknames(accountId: AccountId): readonly ContactNickname[];
}

interface AccountState {
  /** Who shows which picture (its hash), for pictures that are on disk. */
  readonly shown: Map<string, string>;
  /** The latest hash each address announced: a fetch that finishes after a newer announcement is not used. */
  readonly wanted: Map<string, string | null>;
  readonly nicks: Map<string, string>;
  online: Avatars | null;
}

export function createAvatarService(deps: AvatarServiceDeps): AvatarService {
  const { cache, emit, log } = deps;
  const accounts = new Map<AccountId, AccountState>();
  const stateOf = (accountId: AccountId): AccountState => {
    let state = accounts.get(accountId);
    if (!state) {
      state = { shown: new Map(), wanted: new Map(), nicks: new Map(), online: null };
      accounts.set(accountId, state);
    }
    return state;
  };
  const refuse = (reason: string, from: string) => log({ feature: 'avatars', reason, from });

  function show(accountId: AccountId, state: AccountState, jid: string, hash: string | null) {
    if ((state.shown.get(jid) ?? null) === hash) return;
    if (hash === null) state.shown.delete(jid);
    else state.shown.set(jid, hash);
    emit('avatarChanged', { accountId, jid });
  }

  async function follow(accountId: AccountId, state: AccountState, feature: Avatars, notice: AvatarsEvents['announced']) {
    const { jid, hash, via } = notice;
    if (!state.wanted.has(jid) && state.wanted.size >= MAX_TRACKED_ADDRESSES) return refuse('too many addresses announce avatars', jid);
    state.wanted.set(jid, hash);
    if (hash === null || (await cache.has(hash))) {
      if (state.wanted.get(jid) === hash) show(accountId, state, jid, hash);
      return;
    }
    // Only a contact's own data (or vCard) is fetched; what comes back must hash to what was announced.
    const bytes = via === 'pep' ? await feature.fetchPep(jid, hash) : await feature.fetchVcard(jid);
    if (bytes === null) return refuse('announced an avatar that could not be fetched', jid);
    const kept = await cache.put(hash, bytes);
    if (!kept.ok) return refuse(`avatar refused: ${kept.refused}`, jid);
    if (state.wanted.get(jid) === hash) show(accountId, state, jid, hash);
  }

  async function publishable(imageBase64: string) {
    const bytes = decodeStrictBase64(imageBase64);
    if (bytes === null) throw new AvatarError('not-a-picture');
    if (bytes.length > MAX_OWN_AVATAR_INPUT_BYTES) throw new AvatarError('too-big');
    const kind = imageKindOf(bytes);
    if (kind === null) throw new AvatarError('not-a-picture');
    const resized = await deps.resizer.toPng(bytes, kind, OWN_AVATAR_SIZE);
    // The resizer's output is checked like anyone else's picture.
    if (imageKindOf(resized.png) !== 'png' || resized.width > OWN_AVATAR_SIZE || resized.height > OWN_AVATAR_SIZE) throw new AvatarError('cannot-resize');
    if (resized.png.length > MAX_AVATAR_BYTES) throw new AvatarError('too-big');
    return resized;
  }

  const onlineFeature = (state: AccountState): Avatars => {
    if (state.online === null) throw new UserFacingError('This account is not online right now. Try again once it has reconnected.');
    return state.online;
  };

  return {
    attach(accountId, feature) {
      const state = stateOf(accountId);
      state.online = feature;
      return [
        feature.on('announced', (notice) => {
          follow(accountId, state, feature, notice).catch((error: unknown) =>
            refuse(`avatar fetch failed: ${error instanceof Error ? error.message : String(error)}`, notice.jid),
          );
        }),
        feature.on('nick', ({ jid, nick }) => {
          if (!state.nicks.has(jid) && state.nicks.size >= MAX_TRACKED_ADDRESSES) return;
          if ((state.nicks.get(jid) ?? null) === nick) return;
          if (nick === null) state.nicks.delete(jid);
          else state.nicks.set(jid, nick);
          emit('nicknameChanged', { accountId, jid, nick });
        }),
        () => {
          if (state.online === feature) state.online = null;
        },
      ];
    },
    async avatar(accountId, jid) {
      const hash = accounts.get(accountId)?.shown.get(jid);
      return hash === undefined ? null : cache.dataUrl(hash);
    },
    async setOwn(accountId, ownJid, imageBase64) {
      const state = stateOf(accountId);
      const feature = onlineFeature(state);
      const resized = await publishable(imageBase64);
      const hash = sha1Hex(resized.png);
      await feature.publish({ base64: encodeBase64(resized.png), hash, bytes: resized.png.length, width: resized.width, height: resized.height });
      const kept = await cache.put(hash, resized.png);
      if (!kept.ok) throw new AvatarError('cannot-resize');
      state.wanted.set(ownJid, hash);
      show(accountId, state, ownJid, hash);
    },
    async removeOwn(accountId, ownJid) {
      const state = stateOf(accountId);
      await onlineFeature(state).unpublish();
      state.wanted.set(ownJid, null);
      show(accountId, state, ownJid, null);
    },
    nicknames: (accountId) => [...(accounts.get(accountId)?.nicks ?? [])].map(([jid, nick]) => ({ jid, nick })),
  };
}
