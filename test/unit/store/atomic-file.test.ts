import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from '../../../main/store/atomic-file.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('writeFileAtomic', () => {
  it('creates, then replaces, the file and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    await writeFileAtomic(file, 'first');
    expect(await readFile(file, 'utf8')).toBe('first');
    await writeFileAtomic(file, Buffer.from('second'));
    expect(await readFile(file, 'utf8')).toBe('second');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('writes security state readable by the owner only', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    await writeFileAtomic(file, 'x');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('fails without touching anything when the directory does not exist', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'state.json'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves the old file intact and removes its temp file when the rename fails', async () => {
    const dir = await tempDir();
    // A directory in the target's place: rename(file over directory) fails after the temp file was written.
    const target = join(dir, 'state.json');
    await writeFile(join(dir, 'keep.txt'), 'kept');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'x');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['keep.txt', 'state.json']);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes temp files of dead processes and of this process, keeps live writers and other files', async () => {
    const dir = await tempDir();
    const file = join(dir, 'pins.json');
    const alivePid = 4242;
    const deadPid = 4343;
    const names = [
      'pins.json',
      `pins.json.tmp-${deadPid}-abcdef`,
      `pins.json.tmp-${process.pid}-123456`,
      `pins.json.tmp-${alivePid}-aaaaaa`,
      'pins.json.corrupt-2024-01-01T00-00-00-000Z',
      `other.json.tmp-${deadPid}-abcdef`,
      'pins.json.tmp-notapid-xx',
    ];
    for (const name of names) await writeFile(join(dir, name), 'x');

    const removed = await removeStaleTempFiles(file, (pid) => pid === alivePid);

    expect([...removed].sort()).toEqual([`pins.json.tmp-${deadPid}-abcdef`, `pins.json.tmp-${process.pid}-123456`].sort());
    expect((await readdir(dir)).sort()).toEqual(
      [
        'pins.json',
        `pins.json.tmp-${alivePid}-aaaaaa`,
        'pins.json.corrupt-2024-01-01T00-00-00-000Z',
        `other.json.tmp-${deadPid}-abcdef`,
        'pins.json.tmp-notapid-xx',
      ].sort(),
    );
  });

  it('answers an empty list when the directory does not exist', async () => {
    const dir = await tempDir();
    expect(await removeStaleTempFiles(join(dir, 'nope', 'pins.json'))).toEqual([]);
  });
});
