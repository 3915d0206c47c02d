/**
 * Why our own avatar could not be set, as a kind the code can branch on and words the person can read
 * (the IPC layer sends a UserFacingError's message to the window).
 */
import { UserFacingError } from '../ipc/handlers.js';

export type AvatarErrorKind = 'not-a-picture' | 'too-big' | 'cannot-resize';

const WORDS: Record<AvatarErrorKind, string> = {
  'not-a-picture': 'That file is not a picture Hostproof can show (PNG, JPEG, GIF or WebP).',
  'too-big': 'That picture is too big. Choose one under 8 MB.',
  'cannot-resize': 'That picture could not be made smaller. Try a PNG or JPEG file.',
};

export class AvatarError extends UserFacingError {
  override name = 'AvatarError';
  constructor(readonly kind: AvatarErrorKind) {
    super(WORDS[kind]);
  }
}
