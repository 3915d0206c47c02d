/**
 * Avatars and nicknames on one session: tells what contacts (and our own account) announce, fetches a
 * picture when asked, and publishes ours. XEP-0084 metadata and XEP-0172 nicknames come as PEP notifications
 * (we advertise `+notify` for both in our caps, disco.ts); XEP-0153 hashes come in presence. Nothing here
 * decides whether a picture is shown: the bytes go to the avatar cache, which checks them.
 */
import type { Element } from '@xmpp/xml';
import { StanzaError } from '../../link.js';
import { createEmitter, type Events } from '../emitter.js';
import { guarded, listenerFailure, type FeatureDeps } from '../feature-deps.js';
import {
  avatarDataRequest,
  publishAvatarData,
  publishAvatarMetadata,
  publishNoAvatar,
  vcardRequest,
  vcardWithPhoto,
  type PublishedAvatar,
} from './avatar-stanzas.js';
import { readDataAnswer, readMetadataNotice, readNickNotice, readPresencePhoto, readVcardPhoto, type AvatarNotice } from './avatar-notices.js';

export interface AvatarsEvents {
  /** Someone's avatar as announced, and how to fetch it: from their PEP data node or their vCard. */
  announced: AvatarNotice & { readonly via: 'pep' | 'vcard' };
  nick: { readonly jid: string; readonly nick: string | null };
}

export interface Avatars extends Events<AvatarsEvents> {
  /** The picture of a PEP data item; null when there is none or it is not readable base64. */
  fetchPep(jid: string, hash: string): Promise<Uint8Array | null>;
  /** The PHOTO of someone's vCard; null when there is none. */
  fetchVcard(jid: string): Promise<Uint8Array | null>;
  /** Publishes ours: data, then metadata (XEP-0084), then the vCard's PHOTO for older clients (XEP-0153). */
  publish(avatar: PublishedAvatar): Promise<void>;
  /** Removes ours from both. */
  unpublish(): Promise<void>;
  dispose(): void;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** Conditions that mean "there is nothing there": not a failure to report. */
const ABSENT = new Set(['item-not-found', 'service-unavailable', 'feature-not-implemented', 'forbidden', 'not-authorized']);

async function orNullWhenAbsent<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StanzaError && ABSENT.has(error.condition)) return null;
    throw error;
  }
}

export function createAvatars(deps: Pick<FeatureDeps, 'link' | 'log'>): Avatars {
  const { link, log } = deps;
  const emitter = createEmitter<AvatarsEvents>(listenerFailure('avatars', log));

  const stopListening = link.onStanza(
    guarded('avatars', log, (stanza: Element) => {
      const metadata = readMetadataNotice(stanza);
      if (metadata === undefined) log({ feature: 'avatars', reason: 'avatar metadata without a usable picture', from: stanza.attrs.from ?? null });
      else if (metadata !== null) emitter.emit('announced', { ...metadata, via: 'pep' });
      const nick = readNickNotice(stanza);
      if (nick !== null) emitter.emit('nick', nick);
      const photo = readPresencePhoto(stanza);
      if (photo !== undefined) emitter.emit('announced', { ...photo, via: 'vcard' });
    }),
  );

  /** Our vCard as it is, so that setting PHOTO keeps the rest; null when there is none yet. */
  async function ownVcard(): Promise<Element | null> {
    const answer = await orNullWhenAbsent(link.request(vcardRequest(), REQUEST_TIMEOUT_MS));
    return answer?.getChild('vCard') ?? null;
  }

  /** Older clients read the vCard; a server without vCards still has the PEP avatar, so its refusal is only logged. */
  async function setVcardPhoto(photo: { type: string; base64: string } | null) {
    try {
      await link.request(vcardWithPhoto(await ownVcard(), photo), REQUEST_TIMEOUT_MS);
    } catch (error) {
      log({ feature: 'avatars', reason: `the vCard photo was not updated: ${error instanceof Error ? error.message : String(error)}`, from: null });
    }
  }

  return {
    on: emitter.on,
    async fetchPep(jid, hash) {
      const answer = await orNullWhenAbsent(link.request(avatarDataRequest(jid, hash), REQUEST_TIMEOUT_MS));
      return answer === null ? null : readDataAnswer(answer, hash);
    },
    async fetchVcard(jid) {
      const answer = await orNullWhenAbsent(link.request(vcardRequest(jid), REQUEST_TIMEOUT_MS));
      return answer === null ? null : readVcardPhoto(answer);
    },
    async publish(avatar) {
      await link.request(publishAvatarData(avatar), REQUEST_TIMEOUT_MS);
      await link.request(publishAvatarMetadata(avatar), REQUEST_TIMEOUT_MS);
      await setVcardPhoto({ type: 'image/png', base64: avatar.base64 });
    },
    async unpublish() {
      await link.request(publishNoAvatar(), REQUEST_TIMEOUT_MS);
      await setVcardPhoto(null);
    },
    dispose() {
      stopListening();
      emitter.clear();
    },
  };
}
