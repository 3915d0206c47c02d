/** `hostproof-posh check`: connect, verify, close before any authentication, and explain. */
import { createSecureContexts } from '../net/secure-contexts.js';
import { createPathLocks } from '../store/path-locks.js';
import { createPinStore } from '../store/pin-store.js';
import { createMemoryPoshCachePersistence } from '../trust/posh/posh-cache.js';
import { createPoshVerifier } from '../trust/posh/verify-posh.js';
import { connectVerified, type PinLookup } from '../xmpp/connect-verified.js';
import type { CheckOptions } from './cli-options.js';
import { networkDeps } from './network-deps.js';
import { checkFailureJson, checkReportJson } from './report-json.js';
import { checkFailureText, checkReportText } from './report-text.js';
import type { CliIo } from './cli-io.js';
import { EXIT_NOT_VERIFIED, EXIT_OK, type ExitCode } from './exit-codes.js';

export async function runCheck(options: CheckOptions, io: CliIo): Promise<ExitCode> {
  const net = await networkDeps(options);
  const pins: PinLookup = options.pinsFile
    ? createPinStore({
        file: options.pinsFile,
        now: net.now,
        locks: createPathLocks(),
        report: (problem) => io.err(`Warning: ${problem.message}`),
      })
    : { get: async () => null };
  // One secure context for the roots, built once for the XMPP connection and every POSH request.
  const secureContexts = createSecureContexts();
  const posh = createPoshVerifier({
    fetchOptions: { ca: net.ca, secureContexts, lookup: net.lookup, connectTo: net.connectTo },
    now: net.now,
    // The command keeps no state between runs: every check fetches POSH afresh.
    persistence: createMemoryPoshCachePersistence(),
  });
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const { connection, verdict } = await connectVerified(
      { domain: options.domain, configured: options.endpoint ?? undefined, signal },
      { resolver: net.resolver, lookup: net.lookup, connectTo: net.connectTo, ca: net.ca, secureContexts, posh, pins, now: net.now, awaitPoshAfterPkix: true },
    );
    // Close before anything else is said: the check never authenticates, whatever the verdict.
    connection.socket.destroy();
    io.out(options.json ? JSON.stringify(checkReportJson(verdict), null, 2) : checkReportText(verdict));
    return verdict.verified ? EXIT_OK : EXIT_NOT_VERIFIED;
  } catch (error) {
    const message = signal.aborted ? `The check did not finish within ${options.timeoutMs} ms.` : (error as Error).message;
    const failure = checkFailureJson(options.domain, { kind: (error as Error).name ?? 'Error', message });
    io.out(options.json ? JSON.stringify(failure, null, 2) : checkFailureText(failure));
    return EXIT_NOT_VERIFIED;
  }
}
