/**
 * The command's logic, separate from the process: returns the exit status instead of exiting. Each command's
 * code (the trust engine, DNS, TLS, X.509 and their libraries) is loaded when that command runs, so the
 * usage text needs none of it: most of the command line's start-up was loading modules `--help` never used.
 */
import type { CliIo } from './cli-io.js';
import { EXIT_OK, EXIT_USAGE_OR_INTERNAL, type ExitCode } from './exit-codes.js';
import { asksForHelp } from './help-words.js';
import { USAGE } from './usage.js';
import { UsageError } from './usage-error.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  if (asksForHelp(argv[0])) {
    io.out(USAGE);
    return EXIT_OK;
  }
  try {
    const { parseCommand } = await import('./cli-options.js');
    const command = parseCommand(argv);
    if (command.name === 'help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    // @peculiar/x509, which every command reaches through the certificate code, needs the Reflect metadata
    // polyfill before it loads.
    await import('reflect-metadata');
    switch (command.name) {
      case 'check':
        return await (await import('./check-command.js')).runCheck(command.options, io);
      case 'lookup':
        return await (await import('./lookup-command.js')).runLookup(command.options, io);
      case 'generate':
        return await (await import('./generate-command.js')).runGenerate(command.options, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`hostproof-posh: ${error.message}\nRun "hostproof-posh help" for usage.`);
    } else {
      io.err(`hostproof-posh: internal error: ${(error as Error).message ?? String(error)}`);
    }
    return EXIT_USAGE_OR_INTERNAL;
  }
}
