/**
 * The human-readable story of a check: the verdict first (is it safe, why), then the delegation chain, then
 * the details. Everything from the network is printed as data with control characters neutralised, so a
 * hostile certificate name cannot rewrite the terminal.
 */
import { labelledNames } from '../../app/domain/certificate-names.js';
import type { PoshResult, TrustMethod, TrustVerdict } from '../../app/domain/trust.js';
import { printable } from '../../app/domain/address/address-problem.js';
import type { CheckFailureJson } from './report-json.js';

const METHOD_TEXT: Record<TrustMethod, string> = {
  pkix: 'the certificate is valid for the domain (PKIX)',
  posh: 'the domain published a POSH statement naming this certificate',
  pin: 'you pinned this key earlier',
  'accepted-once': 'you accepted this key for this connection only',
};

export function checkReportText(verdict: TrustVerdict): string {
  const lines: string[] = [];
  const c = verdict.certificate;
  lines.push(verdict.verified ? `VERIFIED  ${printable(verdict.summary)}` : `NOT VERIFIED  ${printable(verdict.summary)}`);
  if (verdict.verified) lines.push(`  Proof: ${METHOD_TEXT[verdict.method]}.`);
  else lines.push(`  Nothing was sent to the server beyond the encryption setup. Reason: ${verdict.undecided}.`);
  if (verdict.warnings.length > 0) lines.push(`  Warnings: ${verdict.warnings.join(', ')}`);
  lines.push('');
  lines.push('How the server was reached and proved:');
  verdict.delegation.forEach((step, i) => {
    const mark = step.authenticated ? '' : '  (not authenticated)';
    lines.push(`  ${i + 1}. ${printable(step.label)}${mark}`);
    if (step.detail) lines.push(`     ${printable(step.detail)}`);
  });
  lines.push('');
  lines.push(`Connected to ${printable(verdict.endpoint.host)}:${verdict.endpoint.port} (${verdict.endpoint.directTls ? 'direct TLS' : 'STARTTLS'}, from ${verdict.endpoint.source})`);
  lines.push('Certificate:');
  lines.push(`  Subject:   ${printable(c.subject)}`);
  lines.push(`  Issuer:    ${printable(c.issuer)}`);
  const all = labelledNames(c.names);
  const names = all.filter((n) => n.kind.kind !== 'commonNames').map((n) => `${n.kind.short}:${n.value}`);
  const commonNames = all.filter((n) => n.kind.kind === 'commonNames').map((n) => n.value);
  lines.push(`  Names:     ${names.length ? printable(names.join(', ')) : `(none; common name ${printable(commonNames.join(', ') || 'none')})`}`);
  lines.push(`  Valid:     ${c.notBefore} to ${c.notAfter}`);
  lines.push(`  SHA-256:   ${c.sha256}`);
  lines.push(`  Key (SPKI) SHA-256: ${c.spkiSha256}`);
  lines.push(`PKIX: ${verdict.pkix.ok ? `valid (${verdict.pkix.matchedName?.type} ${printable(verdict.pkix.matchedName?.value ?? '')})` : `failed: ${printable(verdict.pkix.error ?? '')}`}`);
  lines.push(...poshLines(verdict.posh));
  lines.push(
    `Pin: ${verdict.pin.status === 'none' ? 'none for this domain' : verdict.pin.status === 'match' ? `matches the key pinned on ${verdict.pin.pin.approvedAt}` : `a DIFFERENT key was pinned on ${verdict.pin.pin.approvedAt} (${verdict.pin.pin.spkiSha256})`}`,
  );
  return lines.join('\n');
}

/** The one line printed when no verdict could be reached. */
export function checkFailureText(failure: CheckFailureJson): string {
  return `NOT VERIFIED  ${printable(failure.verdict.summary)}`;
}

export function poshLines(posh: PoshResult): string[] {
  const lines = [`POSH: ${posh.status}${posh.format ? ` (${posh.format === 'seed' ? 'seed draft format' : 'RFC 7711'})` : ''}: ${printable(posh.reason)}`];
  for (const step of posh.steps) {
    lines.push(`  ${step.status ?? '---'} ${printable(step.url)}  ${step.kind}${step.detail ? `: ${printable(step.detail)}` : ''}`);
  }
  if (posh.match) lines.push(`  Matched ${posh.match.hash} ${posh.match.fingerprint}`);
  if (posh.expires) lines.push(`  Reusable until ${posh.expires}`);
  return lines;
}
