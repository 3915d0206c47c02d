/**
 * Avatars kept on disk, one file per picture named by its SHA-1 (hex), in the app's data folder. A picture is
 * written only after its bytes are checked: their SHA-1 is the name they were announced by, they are at most
 * MAX_AVATAR_BYTES, and their content is a picture the window can draw (image-kind.ts). A file is checked
 * again when read (the folder is the person's, a broken or swapped file must not reach the window).
 * Files are owner-only (0600). The same picture of many contacts is one file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AVATAR_HASH, MAX_AVATAR_BYTES } from '../../app/domain/avatars.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { imageKindOf, imageMimeType, type ImageKind } from './image-kind.js';

export type AvatarRefusal = 'bad-hash' | 'hash-mismatch' | 'too-big' | 'not-a-picture';

export interface AvatarCache {
  /** Keeps a picture under its hash; says why not when the bytes do not pass. */
  put(hash: string, bytes: Uint8Array): Promise<{ ok: true; kind: ImageKind } | { ok: false; refused: AvatarRefusal }>;
  has(hash: string): Promise<boolean>;
  /** The picture as a data: URL, or null when it is not kept (or no longer passes the checks). */
  dataUrl(hash: string): Promise<string | null>;
}

export const sha1Hex = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

/** Why these bytes may not be kept under this hash, or their kind when they may. */
export function checkAvatar(hash: string, bytes: Uint8Array): { ok: true; kind: ImageKind } | { ok: false; refused: AvatarRefusal } {
  if (!AVATAR_HASH.test(hash)) return { ok: false, refused: 'bad-hash' };
  if (bytes.length > MAX_AVATAR_BYTES) return { ok: false, refused: 'too-big' };
  if (sha1Hex(bytes) !== hash) return { ok: false, refused: 'hash-mismatch' };
  const kind = imageKindOf(bytes);
  return kind === null ? { ok: false, refused: 'not-a-picture' } : { ok: true, kind };
}

export function createAvatarCache(dir: string): AvatarCache {
  const fileOf = (hash: string) => join(dir, hash);
  let made: Promise<unknown> | null = null;
  const ready = () => (made ??= mkdir(dir, { recursive: true, mode: 0o700 }));

  return {
    async put(hash, bytes) {
      const checked = checkAvatar(hash, bytes);
      if (!checked.ok) return checked;
      await ready();
      await writeFileAtomic(fileOf(hash), bytes, { mode: 0o600 });
      return checked;
    },
    async has(hash) {
      if (!AVATAR_HASH.test(hash)) return false;
      return stat(fileOf(hash)).then(
        (s) => s.isFile() && s.size <= MAX_AVATAR_BYTES,
        () => false,
      );
    },
    async dataUrl(hash) {
      if (!(await this.has(hash))) return null;
      const bytes = new Uint8Array(await readFile(fileOf(hash)).catch(() => Buffer.alloc(0)));
      const checked = checkAvatar(hash, bytes);
      if (!checked.ok) return null;
      return `data:${imageMimeType(checked.kind)};base64,${Buffer.from(bytes).toString('base64')}`;
    },
  };
}
