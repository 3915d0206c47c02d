#!/usr/bin/env node
// Launches the built app in Electron. The Electron runtime is a separate ~100 MB download that npm does not
// fetch at install time; where it cannot be downloaded (no internet, a blocked host) this script says so
// plainly instead of letting Electron's loader throw a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function installedBinary(dir) {
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function fail(lines) {
  console.error(['', 'Hostproof could not start.', ...lines, ''].join('\n'));
  process.exit(1);
}

const dir = electronPackageDir();
if (!dir) fail(['The electron package is not installed. Run `npm install` first.']);

let binary = installedBinary(dir);
if (!binary) {
  console.log('The Electron runtime is not downloaded yet; downloading it now (about 100 MB)...');
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  binary = installedBinary(dir);
  if (!binary) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    const reason =
      output
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo|403|404/i.test(l)) ??
      (result.error ? String(result.error.message) : 'the download did not complete');
    fail([
      'The Electron runtime (the program that runs Hostproof\'s window) is not installed, and downloading it failed:',
      `  ${reason}`,
      '',
      'What to do:',
      '  - On a machine with internet access, run `npm start` again: the runtime is downloaded on first start.',
      '  - Behind a mirror or proxy, set ELECTRON_MIRROR (see https://www.electronjs.org/docs/latest/tutorial/installation).',
      '  - Everything except the window itself can be tried without Electron: `npm test` runs the whole app',
      '    logic, and `npm run posh -- check <domain>` checks a server from the command line.',
    ]);
  }
}

const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
