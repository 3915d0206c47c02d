/**
 * Contacts' pictures for the window (issue 14: avatars). Main checks every picture and hands it over as a
 * data: URL (getAvatar); this store asks once per contact that is on screen, keeps the answer, and asks again
 * when main says the picture changed (avatarChanged). Without the provider (or before an answer) a contact
 * has no picture and keeps the initials.
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';

export interface AvatarPictures {
  /** The picture of `jid` on `accountId` as known now (null: none, or not known yet); asks main when not known. */
  get(accountId: AccountId, jid: string): string | null;
  subscribe(listener: () => void): () => void;
}

const key = (accountId: AccountId, jid: string) => `${accountId}\n${jid}`;

/** Only main's own data: URLs of the four picture types are shown; anything else counts as no picture. */
const isPictureUrl = (value: unknown): value is string => typeof value === 'string' && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(value);

export function createAvatarPictures(api: HostproofApi): AvatarPictures & { follow(): () => void } {
  const known = new Map<string, string | null>();
  const asking = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };

  function ask(accountId: AccountId, jid: string) {
    const k = key(accountId, jid);
    if (asking.has(k)) return;
    asking.add(k);
    void api.getAvatar({ accountId, jid }).then((result) => {
      asking.delete(k);
      const picture = result.ok && isPictureUrl(result.value) ? result.value : null;
      if (known.get(k) === picture) return;
      known.set(k, picture);
      changed();
    });
  }

  return {
    get(accountId, jid) {
      const k = key(accountId, jid);
      if (!known.has(k)) {
        known.set(k, null);
        ask(accountId, jid);
      }
      return known.get(k) ?? null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Hears main's changes until the returned function is called (an effect's life, so React's remounts re-follow). */
    follow: () =>
      api.on('avatarChanged', ({ accountId, jid }) => {
        // Asked again only if something on screen showed it; otherwise the next look asks.
        if (known.has(key(accountId, jid))) ask(accountId, jid);
      }),
  };
}

const AvatarPicturesContext = createContext<AvatarPictures | null>(null);

export function AvatarPicturesProvider({ api, children }: { api: HostproofApi; children: ReactNode }) {
  const pictures = useMemo(() => createAvatarPictures(api), [api]);
  useEffect(() => pictures.follow(), [pictures]);
  return <AvatarPicturesContext.Provider value={pictures}>{children}</AvatarPicturesContext.Provider>;
}

const noSubscription = () => () => undefined;

/** The contact's picture as a data: URL, or null (initials). */
export function useAvatarPicture(accountId: AccountId, jid: string): string | null {
  const pictures = useContext(AvatarPicturesContext);
  return useSyncExternalStore(pictures ? pictures.subscribe : noSubscription, () => (pictures ? pictures.get(accountId, jid) : null));
}
