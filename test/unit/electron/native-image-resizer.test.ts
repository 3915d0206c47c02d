/**
 * The app's ImageResizer over Electron's nativeImage (mocked: the Electron binary cannot run here): big
 * pictures are scaled down keeping their shape, small ones kept at their size, undecodable ones refused.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeImage {
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  resize(options: { width: number; height: number }): FakeImage;
  toPNG(): Buffer;
}

const fakeImage = (width: number, height: number, empty = false): FakeImage => ({
  isEmpty: () => empty,
  getSize: () => ({ width, height }),
  resize: (options) => fakeImage(options.width, options.height),
  toPNG: () => Buffer.from(`png ${width}x${height}`),
});

const electronMock = vi.hoisted(() => ({ nativeImage: { createFromBuffer: vi.fn() } }));
vi.mock('electron', () => electronMock);

const { nativeImageResizer } = await import('../../../main/electron/native-image-resizer.js');

describe('nativeImage resizer', () => {
  beforeEach(() => electronMock.nativeImage.createFromBuffer.mockReset());

  it('scales a wide picture down to 192 on its longer side, keeping its shape', async () => {
    electronMock.nativeImage.createFromBuffer.mockReturnValue(fakeImage(1000, 500));
    const out = await nativeImageResizer.toPng(new Uint8Array([1]), 'jpeg', 192);
    expect(out).toMatchObject({ width: 192, height: 96 });
    expect(Buffer.from(out.png).toString()).toBe('png 192x96');
  });

  it('keeps a small picture at its size, re-encoded as PNG', async () => {
    electronMock.nativeImage.createFromBuffer.mockReturnValue(fakeImage(50, 80));
    expect(await nativeImageResizer.toPng(new Uint8Array([1]), 'gif', 192)).toMatchObject({ width: 50, height: 80 });
  });

  it('refuses what nativeImage cannot decode', async () => {
    electronMock.nativeImage.createFromBuffer.mockReturnValue(fakeImage(0, 0, true));
    await expect(nativeImageResizer.toPng(new Uint8Array([1]), 'webp', 192)).rejects.toMatchObject({ kind: 'cannot-resize' });
  });
});
