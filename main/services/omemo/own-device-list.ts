/**
 * Our account's device list with our device in it. Every client of the account publishes the whole list, so
 * each one keeps the others' ids as it found them and only adds its own; a client that removed ours (a user
 * cleaning up, or two clients publishing at once) is answered by putting ours back, as Conversations does.
 */
import type { DeviceId } from '../../omemo/omemo-types.js';

/** The list to publish, or null when `published` already holds our id (nothing to publish). */
export function listWithOwnDevice(published: readonly DeviceId[], own: DeviceId): readonly DeviceId[] | null {
  return published.includes(own) ? null : [...published, own];
}
