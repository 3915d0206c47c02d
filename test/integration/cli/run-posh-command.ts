/** Runs the built `hostproof-posh` as a user would: a separate Node process, real exit status and output. */
import { execFile } from 'node:child_process';
import path from 'node:path';

export const POSH_BIN = path.resolve('dist/cli/hostproof-posh.js');

export interface CommandResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runPosh(args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [POSH_BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}
