/**
 * Child process of pin-store-crash.test.ts: rewrites the pin file as fast as it can, alternating between
 * VERSION_A and VERSION_B, until the parent kills it with SIGKILL. Prints "ready" after the first write.
 * Usage: node --import tsx pin-writer-child.ts <pin file>
 */
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createPinStore } from '../../../main/store/pin-store.js';
import { VERSION_A, VERSION_B } from './crash-pins.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: pin-writer-child.ts <pin file>');

const store = createPinStore({
  file,
  now: () => new Date(),
  // A damaged file here would mean the crash safety failed; the parent sees it as a .corrupt- file.
  report: (problem) => process.stderr.write(`${problem.message}\n`),
  locks: createPathLocks(),
});

for (let i = 0; ; i += 1) {
  await store.put(i % 2 === 0 ? VERSION_A : VERSION_B);
  if (i === 0) process.stdout.write('ready\n');
}
