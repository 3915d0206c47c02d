/**
 * The verdict's one sentence (trust-ux.md): what a person reads first, in plain words, tailored to the case.
 * Names in it come from the network (certificate, DNS); the UI must render the sentence as text, never HTML.
 */
import { domainForPeople, sameDomain } from '../../app/domain/address/domain-name.js';
import { certificateHost, certificateNames, listNames } from '../../app/domain/certificate-names.js';
import { isoDay } from './iso-day.js';
import type { TrustFacts } from './trust-facts.js';
import type { TrustInput } from './trust-input.js';
import type { TrustOutcome } from './verdict-rules.js';

export function summarize(input: TrustInput, facts: TrustFacts, outcome: TrustOutcome): string {
  // People read the domain as they wrote it (U-labels); the engine compared A-labels.
  const domain = domainForPeople(input.domain);
  if (outcome.verified) {
    switch (outcome.method) {
      case 'pkix':
        return `${domain} is verified: a trusted authority issued its server's certificate for ${domain}.`;
      case 'posh': {
        const proof = facts.poshMatch?.hash === 'sha-1' ? 'proved by POSH, SHA-1, seed format' : 'proved by POSH';
        if (!facts.namesCoverDomain) {
          // The hosting provider's name comes from the certificate POSH vouched for, not from the SRV answer.
          const host = certificateHost(input.certificate) ?? input.endpoint.host;
          return `${domain} delegates its chat service to ${host} (${proof}).`;
        }
        return `${domain} is verified: its own web site vouches for this server's certificate (${proof}).`;
      }
      case 'pin':
        return `${domain} is trusted because you pinned this server's key${pinDay(facts)}.`;
      case 'accepted-once':
        return `You chose to connect to ${server(input, false)} once, without proof that it is the server for ${domain}.`;
    }
  }
  switch (outcome.reason) {
    case 'key-changed':
      return `The key presented for ${domain} is not the one you pinned${pinDay(facts)}, and nothing else vouches for it.`;
    case 'posh-mismatch':
      return `${domain} published which certificates its chat service uses, and the one ${server(input, false)} presented is not among them.`;
    case 'delegated-host':
      return `${couldNotProve(input)}: its certificate is for ${listNames(certificateNames(input.certificate))}${poshClause(input)}.`;
    case 'untrusted-certificate':
      return `${couldNotProve(input)}: its certificate ${certificateProblems(input, facts)}.`;
  }
}

function couldNotProve(input: TrustInput): string {
  return `${server(input, true)} could not prove it is the server for ${domainForPeople(input.domain)}`;
}

/** The dialled server: its host name when it differs from the domain, otherwise "the server at host:port". */
function server(input: TrustInput, sentenceStart: boolean): string {
  const { host, port } = input.endpoint;
  if (!sameDomain(host, input.domain)) return host;
  return `${sentenceStart ? 'The' : 'the'} server at ${host}:${port}`;
}

function pinDay(facts: TrustFacts): string {
  return facts.pin === null ? '' : ` on ${isoDay(facts.pin.approvedAt)}`;
}

function poshClause(input: TrustInput): string {
  const { posh } = input;
  const domain = domainForPeople(input.domain);
  switch (posh.status) {
    case 'absent':
      return `, and ${domain} publishes no POSH statement delegating to it`;
    case 'invalid':
      return `, and ${domain}'s POSH statement is invalid`;
    case 'error':
      return `, and ${domain}'s POSH statement could not be fetched`;
    case 'skipped':
      return '';
    case 'mismatch':
      return `, and ${domain}'s POSH statement does not list it`;
    case 'verified':
      // Verified POSH that did not count (expired certificate, another domain's result).
      return `, and POSH could not vouch for it`;
  }
}

function certificateProblems(input: TrustInput, facts: TrustFacts): string {
  const problems: string[] = [];
  if (facts.selfSigned && !facts.chainTrusted) problems.push('is self-signed');
  else if (!facts.chainTrusted) problems.push('is not from a trusted authority');
  if (facts.validity === 'expired') problems.push('has expired');
  if (facts.validity === 'not-yet-valid') problems.push('is not valid yet');
  if (!facts.namesCoverDomain) problems.push(`is for ${listNames(certificateNames(input.certificate))}`);
  if (problems.length === 0) problems.push(`was not accepted${input.pkix.error ? ` (${input.pkix.error})` : ''}`);
  return listNames(problems, problems.length);
}
