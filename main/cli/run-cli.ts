/** The command's logic, separate from the process: returns the exit status instead of exiting. */
import type { CliIo } from './cli-io.js';
import { parseCommand } from './cli-options.js';
import { runCheck } from './check-command.js';
import { EXIT_OK, EXIT_USAGE_OR_INTERNAL, type ExitCode } from './exit-codes.js';
import { runGenerate } from './generate-command.js';
import { runLookup } from './lookup-command.js';
import { USAGE } from './usage.js';
import { UsageError } from './usage-error.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case 'help':
        io.out(USAGE);
        return EXIT_OK;
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
