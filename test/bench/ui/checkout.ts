/**
 * An older commit's renderer for the before/after table: the files the renderer build reads, taken with
 * `git archive` into a temporary directory that borrows this checkout's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PATHS = ['renderer', 'app', 'main/electron', 'vite.renderer.config.ts', 'tsconfig.base.json', 'package.json'];

export async function checkoutRenderer(ref: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-ui-bench-before-'));
  const archive = execFileSync('git', ['archive', '--format=tar', ref, ...PATHS], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  await symlink(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  return dir;
}
