/**
 * The writer the crash test kills: one program for all eight stores, bundled once per run into plain JS and
 * a V8 start-up snapshot (bundle-writer.ts), so a start costs little more than starting Node. It says "up"
 * and waits for a line on stdin, so the test can start the next writer while it checks the last one. Then it
 * opens the store through its real factory, loads what the last writer left, and writes the following
 * versions as fast as it can until it is killed with SIGKILL.
 *
 * Around each write it prints "w" (before) and "d" (after). Writes to a pipe are synchronous in Node on
 * Linux, so a "w" with no "d" after it means the kill landed inside that write.
 * Usage: node --snapshot-blob <blob> <store name> <store path> <cipher key, hex>
 */
import { startupSnapshot } from 'node:v8';
import { crashCase } from './store-cases.js';

async function main([name, path, keyHex]: readonly string[]): Promise<never> {
  if (name === undefined || path === undefined || keyHex === undefined) {
    throw new Error('usage: writer-child <store name> <store path> <cipher key, hex>');
  }
  const store = crashCase(name).open(path, {
    cipherKey: Buffer.from(keyHex, 'hex'),
    // A problem here means a crash before this one damaged the store; the test fails on any stderr.
    report: (problem) => process.stderr.write(`${problem.kind}: ${problem.message}\n`),
  });

  process.stdout.write('up\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));

  const last = await store.load();
  if (last === null) throw new Error(`the ${name} store holds neither version`);
  for (let i = last + 1; ; i += 1) {
    process.stdout.write('w\n');
    await store.write(i);
    process.stdout.write('d\n');
  }
}

const fail = (error: unknown): void => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
};

// Started from the snapshot, the arguments follow node's own (there is no script); started as a script, they
// follow its name.
if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(() => void main(process.argv.slice(1)).catch(fail));
else void main(process.argv.slice(2)).catch(fail);
