/** A rooms call the caller should not have made (not in that room, a bad nickname or address, too many rooms). */
export type RoomErrorKind = 'not-joined' | 'invalid-room' | 'invalid-nick' | 'invalid-address' | 'too-many-rooms' | 'busy';

export class RoomError extends Error {
  override name = 'RoomError';
  constructor(
    readonly kind: RoomErrorKind,
    message: string,
  ) {
    super(message);
  }
}
