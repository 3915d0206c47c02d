/**
 * The exit statuses of `hostproof-posh`, as its usage text documents them. A command returns an ExitCode,
 * which a bare number is not, so every exit goes through one of these names.
 */
declare const named: unique symbol;
export type ExitCode = number & { readonly [named]: true };

const exitCode = (status: 0 | 1 | 2): ExitCode => status as ExitCode;

/** check: the server was verified; lookup: usable POSH material was found; help and generate: done. */
export const EXIT_OK = exitCode(0);
/** check: not verified, or it could not be checked; lookup: no usable POSH material. */
export const EXIT_NOT_VERIFIED = exitCode(1);
/** A mistake in the command line, or a failure of the command itself. */
export const EXIT_USAGE_OR_INTERNAL = exitCode(2);
