import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_AVATAR_BYTES } from '../../../app/domain/avatars.js';
import { createAvatarCache, sha1Hex } from '../../../main/media/avatar-cache.js';
import { testPng } from '../../harness/test-png.js';

describe('avatar cache (pictures on disk by SHA-1)', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-avatars-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a picture under its hash, owner-only, and gives it back as a data: URL', async () => {
    const cache = createAvatarCache(path.join(dir, 'avatars'));
    const png = testPng(4, 4, [1, 2, 3]);
    const hash = sha1Hex(png);
    expect(await cache.put(hash, png)).toEqual({ ok: true, kind: 'png' });
    expect((await stat(path.join(dir, 'avatars', hash))).mode & 0o777).toBe(0o600);
    expect(await cache.dataUrl(hash)).toBe(`data:image/png;base64,${Buffer.from(png).toString('base64')}`);
  });

  it('refuses bytes that do not hash to the id, too big ones, non-pictures and ids that are not a SHA-1', async () => {
    const cache = createAvatarCache(dir);
    const png = testPng(4, 4, [1, 2, 3]);
    expect(await cache.put(sha1Hex(testPng(4, 4, [9, 9, 9])), png)).toEqual({ ok: false, refused: 'hash-mismatch' });
    const huge = new Uint8Array(MAX_AVATAR_BYTES + 1);
    huge.set(png);
    expect(await cache.put(sha1Hex(huge), huge)).toEqual({ ok: false, refused: 'too-big' });
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(await cache.put(sha1Hex(html), html)).toEqual({ ok: false, refused: 'not-a-picture' });
    expect(await cache.put('../escape', png)).toEqual({ ok: false, refused: 'bad-hash' });
    expect(await cache.dataUrl('../escape')).toBeNull();
  });

  it('a file changed on disk after it was kept is not shown', async () => {
    const cache = createAvatarCache(dir);
    const png = testPng(4, 4, [1, 2, 3]);
    const hash = sha1Hex(png);
    await cache.put(hash, png);
    await writeFile(path.join(dir, hash), testPng(4, 4, [7, 7, 7]));
    expect(await cache.dataUrl(hash)).toBeNull();
    expect(await cache.dataUrl(sha1Hex(testPng(5, 5, [0, 0, 0])))).toBeNull();
  });
});
