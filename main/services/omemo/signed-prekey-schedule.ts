/**
 * When our signed pre-key is replaced (issue 15): checked at each session online, before our bundle is
 * published. One older than a week is replaced by a new one (what Conversations does: a signed pre-key read from
 * the server long ago should not open sessions for ever), and the one it replaced keeps opening sessions for the
 * grace period (omemo-device.ts), for messages built from the old bundle that are on their way or waiting offline;
 * after it, it is dropped and such a message is refused. The key's creation time is kept with it in the sealed
 * key store, so the age survives restarts.
 */
import type { OmemoDevice } from '../../omemo/omemo-device.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How old the published signed pre-key may get before it is replaced. */
export const SIGNED_PRE_KEY_MAX_AGE_MS = 7 * DAY_MS;

export interface SignedPreKeyRefresh {
  /** The new signed pre-key's id, or null when the current one is young enough. */
  readonly rotatedTo: number | null;
  /** Replaced signed pre-keys whose grace period was over: forgotten. */
  readonly dropped: readonly number[];
}

/** Drops replaced keys past their grace and replaces the current one when it is `maxAgeMs` old or older. */
export async function refreshSignedPreKey(
  device: Pick<OmemoDevice, 'signedPreKeyCreatedAt' | 'rotateSignedPreKey' | 'dropExpiredSignedPreKeys'>,
  now: () => number,
  maxAgeMs: number = SIGNED_PRE_KEY_MAX_AGE_MS,
): Promise<SignedPreKeyRefresh> {
  const dropped = await device.dropExpiredSignedPreKeys();
  if (now() - (await device.signedPreKeyCreatedAt()) < maxAgeMs) return { rotatedTo: null, dropped };
  return { rotatedTo: await device.rotateSignedPreKey(), dropped };
}
