/**
 * The rooms feature's own refusals (not in that room, too many rooms, a bad nickname) are the person's to read:
 * a request that runs into one fails with its plain words. Anything else is a bug and stays one.
 */
import { UserFacingError } from '../ipc/handlers.js';
import { RoomError } from '../xmpp/features/rooms/room-error.js';

export async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RoomError) throw new UserFacingError(error.message);
    throw error;
  }
}
