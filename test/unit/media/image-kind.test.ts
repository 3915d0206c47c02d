import { describe, expect, it } from 'vitest';
import { imageKindOf, imageMimeType } from '../../../main/media/image-kind.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('image kind, from content', () => {
  it('recognises the four formats by their signatures', () => {
    expect(imageKindOf(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]))).toBe('png');
    expect(imageKindOf(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKindOf(bytes('GIF89a', [1, 0]))).toBe('gif');
    expect(imageKindOf(bytes('GIF87a'))).toBe('gif');
    expect(imageKindOf(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
  });

  it('refuses what only looks like a picture by name or by part of a signature', () => {
    expect(imageKindOf(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(imageKindOf(bytes('<html><body>not a picture</body></html>'))).toBeNull();
    expect(imageKindOf(bytes([0x89], 'PNG'))).toBeNull(); // cut short
    expect(imageKindOf(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull(); // audio in the same container
    expect(imageKindOf(bytes('GIF90a'))).toBeNull();
    expect(imageKindOf(new Uint8Array())).toBeNull();
  });

  it('names the MIME type the window is given', () => {
    expect(imageMimeType('webp')).toBe('image/webp');
    expect(imageMimeType('jpeg')).toBe('image/jpeg');
  });
});
