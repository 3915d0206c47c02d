#!/usr/bin/env node
// @peculiar/x509 needs the Reflect metadata polyfill before it loads.
import 'reflect-metadata';
import { runCli } from './run-cli.js';

const status = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = status;
