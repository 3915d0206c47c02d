import type { TrustDecision, TrustDecisionRequest } from '../../../app/domain/account.js';
import type { DomainParser } from '../../../app/domain/address/domain-parser.js';
import type { TrustVerdict } from '../../../app/domain/trust.js';
import { formatDay } from '../common/format-time.js';
import { certificateNames, listNames } from '../../../app/domain/certificate-names.js';

export interface DecisionText {
  readonly headline: string;
  /** At most two sentences, consequence first: what an attacker could do, then why this case happened. */
  readonly consequence: string;
  /** The longer explanation, for those who read on. */
  readonly explanation: string;
  /** Whom to contact, when only they can fix it (a POSH mismatch); null otherwise. */
  readonly contact: string | null;
}

/** The server the app dialled, named by its host when that differs from the domain. */
function serverName(verdict: TrustVerdict, domains: DomainParser, sentenceStart = true): string {
  const { host, port } = verdict.endpoint;
  if (!domains.sameDomain(host, verdict.domain)) return host;
  return `${sentenceStart ? 'The' : 'the'} server at ${host}:${port}`;
}

function whereFrom(verdict: TrustVerdict): string {
  switch (verdict.endpoint.source) {
    case 'srv':
      return `The address ${verdict.endpoint.host}:${verdict.endpoint.port} came from a DNS (SRV) answer, which nobody authenticates.`;
    case 'configured':
      return `You set ${verdict.endpoint.host}:${verdict.endpoint.port} as the server in this account's settings.`;
    case 'domain':
      return `No SRV record was published, so Hostproof connected to ${verdict.endpoint.host}:${verdict.endpoint.port} directly.`;
  }
}

function certificateProblem(verdict: TrustVerdict, domains: DomainParser): string {
  const { warnings } = verdict;
  const problems: string[] = [];
  if (warnings.includes('self-signed')) problems.push('is self-signed, so no authority vouches for it');
  else if (warnings.includes('untrusted-issuer')) problems.push('comes from an issuer Hostproof does not trust');
  if (warnings.includes('expired-certificate')) problems.push('has expired');
  if (warnings.includes('not-yet-valid-certificate')) problems.push('is not valid yet');
  if (warnings.includes('delegated-host')) problems.push(`is for ${listNames(certificateNames(verdict.certificate))}, not ${domains.domainWithALabel(verdict.domain)}`);
  if (problems.length === 0) problems.push('was not accepted');
  return listNames(problems, problems.length);
}

/**
 * The words for each undecided reason (trust-ux.md): a plain headline, then at most two sentences with the
 * consequence first (what an attacker could do) and the cause second, then the longer explanation. Names
 * inside come from the network and are rendered as text. `domains` is the window's address model (see
 * common/addresses.tsx): until the IDNA library has loaded, an IDN domain is named by its A-labels.
 */
export function decisionText(request: TrustDecisionRequest, domains: DomainParser): DecisionText {
  const { verdict, previousPin } = request;
  const domain = domains.domainForPeople(verdict.domain);
  const server = serverName(verdict, domains);
  const names = listNames(certificateNames(verdict.certificate));
  const reason = verdict.verified ? null : verdict.undecided;
  switch (reason) {
    case 'delegated-host':
      return {
        headline: `${server} could not prove it is the server for ${domain}`,
        consequence:
          `Someone who can alter your DNS answers (on public Wi-Fi, for example) could send you to their own server and ` +
          `read your password and every message. This server's certificate is valid, but for ${names}, not for ${domain}, ` +
          `and ${domain} publishes no POSH statement that vouches for it.`,
        explanation:
          `Many domains are hosted by a provider, and a domain proves that with a POSH statement on its own web site. ` +
          `${whereFrom(verdict)} Go ahead only if you know ${domain} is hosted by ${names}.`,
        contact: null,
      };
    case 'untrusted-certificate':
      return {
        headline: `${server} could not prove it is the server for ${domain}`,
        consequence:
          `An attacker between you and the server could present a certificate just like this one and read your password ` +
          `and every message. The certificate it presented ${certificateProblem(verdict, domains)}, so nothing shows that this ` +
          `server belongs to ${domain}.`,
        explanation:
          `${whereFrom(verdict)} If the people who run ${domain} gave you a fingerprint, paste it under "The certificate" ` +
          `to compare before you pin this key.`,
        contact: null,
      };
    case 'key-changed': {
      const when = previousPin ? ` on ${formatDay(previousPin.approvedAt)}` : '';
      return {
        headline: `The key of ${domain}'s server has changed since you pinned it`,
        consequence:
          `This is exactly what an attacker who intercepts your connection looks like: they could read your password and ` +
          `every message. You pinned another key for ${domain}${when}, and neither a trusted authority nor ${domain}'s POSH ` +
          `statement vouches for the new one.`,
        explanation:
          `A server may change its key. Cancel unless the people who run ${domain} told you the key changed and the new ` +
          `fingerprint is the one they gave you.`,
        contact: null,
      };
    }
    case 'posh-mismatch': {
      const url = verdict.posh.steps[0]?.url ?? `https://${verdict.domain}/.well-known/posh/xmpp-client.json`;
      return {
        headline: `${domain} says ${serverName(verdict, domains, false)} is not its server`,
        consequence:
          `Someone who redirected your connection would cause exactly this, and could read your password and every message. ` +
          `${domain} lists on its own web site, over HTTPS, the certificates its chat service uses, and this one is not among them.`,
        explanation:
          `The domain's own statement contradicts this server, so Hostproof offers no way past it. It can happen briefly ` +
          `while a provider changes certificates: check again in a few minutes.`,
        contact:
          `If it persists, contact the people who run ${domain} (whoever manages its web site, which publishes ${url}) ` +
          `and tell them their POSH statement does not list the certificate of ${serverName(verdict, domains, false)}.`,
      };
    }
    case null:
      // A verified verdict never reaches the dialog; say so plainly rather than invent a warning.
      return { headline: `${domain} is verified`, consequence: verdict.summary, explanation: '', contact: null };
  }
}

/** The words on each action button. */
export function decisionLabel(decision: TrustDecision, domain: string): string {
  switch (decision) {
    case 'cancel':
      return 'Cancel';
    case 'connect-once':
      return 'Connect once';
    case 'pin':
      return `Pin this key for ${domain}`;
    case 'replace-pin':
      return 'Replace the pinned key';
    case 'check-again':
      return 'Check again';
    case 'log-in-unbound':
      return 'Log in without channel binding';
  }
}

/** Red for the cases that look most like an attack, amber for the merely unproven. */
export function decisionTone(request: TrustDecisionRequest): 'warning' | 'danger' {
  const reason = request.verdict.verified ? null : request.verdict.undecided;
  return reason === 'key-changed' || reason === 'posh-mismatch' ? 'danger' : 'warning';
}
