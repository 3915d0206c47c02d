#!/usr/bin/env node
// Only the dispatcher loads here; each command loads its own code (and the Reflect metadata polyfill its
// certificate library needs) when it runs (run-cli.ts).
import { runCli } from './run-cli.js';

const status = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = status;
