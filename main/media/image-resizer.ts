/**
 * Makes a picture into a PNG no wider or higher than a limit, for our own avatar. Decoding pictures needs the
 * platform (Electron's nativeImage, main/electron/native-image-resizer.ts), so services take this interface.
 * `keepSmallPngs` is the plain implementation used where Electron cannot run: a PNG already within the
 * limit is kept as it is; anything else is refused, never passed on unchecked.
 */
import type { ImageKind } from './image-kind.js';
import { AvatarError } from './avatar-error.js';

export interface ResizedImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface ImageResizer {
  /** `bytes` are already known to be of `kind`; throws AvatarError('cannot-resize') when they cannot be decoded. */
  toPng(bytes: Uint8Array, kind: ImageKind, maxSide: number): Promise<ResizedImage>;
}

/** A PNG's size from its IHDR chunk (PNG §11.2.2: it is always first), or null when it has none. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunkType !== 'IHDR') return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

export const keepSmallPngs: ImageResizer = {
  async toPng(bytes, kind, maxSide) {
    const size = kind === 'png' ? pngSize(bytes) : null;
    if (size === null || size.width > maxSide || size.height > maxSide) throw new AvatarError('cannot-resize');
    return { png: bytes, ...size };
  },
};
