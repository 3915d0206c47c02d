/** `hostproof-posh lookup`: fetch and explain the domain's POSH material, without connecting to XMPP. */
import { lookupPosh } from '../trust/posh/lookup.js';
import { encodeBase64, encodeBase64Url } from '../encoding/base64.js';
import type { LookupOptions } from './cli-options.js';
import type { CliIo } from './cli-io.js';
import { EXIT_NOT_VERIFIED, EXIT_OK, type ExitCode } from './exit-codes.js';
import { networkDeps } from './network-deps.js';
import { printable } from '../../app/domain/address/address-problem.js';

export async function runLookup(options: LookupOptions, io: CliIo): Promise<ExitCode> {
  const net = await networkDeps(options);
  const outcome = await lookupPosh(options.domain, {
    ca: net.ca,
    lookup: net.lookup,
    connectTo: net.connectTo,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const fingerprints =
    outcome.kind === 'material'
      ? outcome.material.fingerprints.map((f) => ({
          hash: f.hash,
          // The seed draft's x5t is base64url; RFC 7711 fingerprints are standard base64.
          value: f.hash === 'sha-1' ? encodeBase64Url(f.digest) : encodeBase64(f.digest),
          url: f.url,
        }))
      : [];
  const report = {
    domain: options.domain,
    status: outcome.kind === 'material' ? 'found' : outcome.kind,
    format: outcome.kind === 'material' ? outcome.material.format : outcome.format,
    lifetimeSeconds: outcome.kind === 'material' ? outcome.material.lifetimeSeconds : null,
    fingerprints,
    steps: outcome.steps,
    reason: outcome.kind === 'material' ? null : outcome.reason,
  };
  if (options.json) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    const lines = [
      outcome.kind === 'material'
        ? `POSH material found for ${options.domain} (${report.format === 'seed' ? 'seed draft format' : 'RFC 7711'}), reusable for ${report.lifetimeSeconds} s:`
        : `No usable POSH material for ${options.domain} (${outcome.kind}): ${printable(report.reason ?? '')}`,
      ...fingerprints.map((f) => `  ${f.hash} ${f.value}  (from ${printable(f.url)})`),
      'Requests:',
      ...outcome.steps.map((s) => `  ${s.status ?? '---'} ${printable(s.url)}  ${s.kind}${s.detail ? `: ${printable(s.detail)}` : ''}`),
    ];
    io.out(lines.join('\n'));
  }
  return outcome.kind === 'material' ? EXIT_OK : EXIT_NOT_VERIFIED;
}
