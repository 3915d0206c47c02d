/**
 * The app's ImageResizer (main/media/image-resizer.ts): Electron's nativeImage decodes the picture, scales it
 * down keeping its shape, and encodes PNG. The bytes were checked to be a picture before they get here.
 */
import { nativeImage } from 'electron';
import { AvatarError } from '../media/avatar-error.js';
import type { ImageResizer } from '../media/image-resizer.js';

export const nativeImageResizer: ImageResizer = {
  async toPng(bytes, _kind, maxSide) {
    const image = nativeImage.createFromBuffer(Buffer.from(bytes));
    if (image.isEmpty()) throw new AvatarError('cannot-resize');
    const { width, height } = image.getSize();
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const resized = scale < 1 ? image.resize({ width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), quality: 'best' }) : image;
    const size = resized.getSize();
    return { png: new Uint8Array(resized.toPNG()), width: size.width, height: size.height };
  },
};
