/** The command's logic, separate from the process: returns the exit status instead of exiting. */
import type { CliIo } from './cli-io.js';
import { UsageError, parseCommand } from './cli-options.js';
import { runCheck } from './check-command.js';
import { runGenerate } from './generate-command.js';
import { runLookup } from './lookup-command.js';
import { USAGE } from './usage.js';

export const EXIT_VERIFIED = 0;
export const EXIT_NOT_VERIFIED = 1;
export const EXIT_USAGE_OR_INTERNAL = 2;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case 'help':
        io.out(USAGE);
        return EXIT_VERIFIED;
      case 'check':
        return await runCheck(command.options, io);
      case 'lookup':
        return await runLookup(command.options, io);
      case 'generate':
        return await runGenerate(command.options, io);
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
