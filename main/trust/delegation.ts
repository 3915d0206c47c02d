/**
 * The delegation story the UI shows as a short vertical chain (trust-ux.md): your domain → the SRV answer →
 * the certificate's names → each POSH request → the fingerprint or pin that settled it. Every step says whether
 * anyone vouched for it, so the UI can mark DNS data as "not authenticated".
 */
import { domainForPeople, domainWithALabel } from '../../app/domain/address/domain-name.js';
import type { DelegationStep, Pin, PoshStep, PoshStepKind } from '../../app/domain/trust.js';
import { certificateNames, listNames } from '../../app/domain/certificate-names.js';
import { isoDay } from './iso-day.js';
import type { TrustFacts } from './trust-facts.js';
import type { TrustInput } from './trust-input.js';
import type { TrustOutcome } from './verdict-rules.js';

export function buildDelegation(input: TrustInput, facts: TrustFacts, outcome: TrustOutcome): DelegationStep[] {
  const steps: DelegationStep[] = [domainStep(input)];
  if (input.endpoint.source === 'srv') steps.push(srvStep(input));
  steps.push(certificateStep(input, facts));
  steps.push(...poshSteps(input));
  if (outcome.verified && outcome.method === 'posh' && facts.poshMatch !== null) {
    const match = facts.poshMatch;
    const hash = match.hash === 'sha-1' ? 'SHA-1, seed format' : match.hash.toUpperCase();
    steps.push({
      kind: 'fingerprint',
      label: `Fingerprint matched (${hash})`,
      detail: `${match.fingerprint}, published in ${match.url}`,
      authenticated: true,
    });
  }
  if (facts.pin !== null) steps.push(pinStep(input, facts, facts.pin));
  return steps;
}

function domainStep(input: TrustInput): DelegationStep {
  const { endpoint } = input;
  const domain = domainForPeople(input.domain);
  const where = `${endpoint.host}:${endpoint.port}`;
  const how =
    endpoint.source === 'configured'
      ? `Connected to ${where}, the server set in your account settings.`
      : endpoint.source === 'domain'
        ? `No SRV record was published, so the app connected to ${where} directly.`
        : 'The DNS told the app where its chat service is (next step).';
  // What the user typed is the reference identity: the one fact here nobody else could have altered.
  // An IDN is written in A-labels in DNS and certificates: say so, so the reader can find it there.
  const written = domain === input.domain ? '' : `Written ${input.domain} in DNS and certificates. `;
  return { kind: 'domain', label: `Your account's domain: ${domain}`, detail: `${written}${how}`, authenticated: true };
}

function srvStep(input: TrustInput): DelegationStep {
  const { host, port, directTls } = input.endpoint;
  return {
    kind: 'srv',
    label: `The DNS (SRV) record pointed to ${host}:${port}`,
    detail: `DNS answer, not authenticated: anyone who can tamper with DNS can change it. ${
      directTls ? 'Direct TLS.' : 'STARTTLS.'
    }`,
    authenticated: false,
  };
}

function certificateStep(input: TrustInput, facts: TrustFacts): DelegationStep {
  const { certificate, pkix } = input;
  const domain = domainWithALabel(input.domain);
  const names = certificateNames(certificate);
  const chain = facts.chainTrusted
    ? 'A trusted authority issued it.'
    : facts.selfSigned
      ? 'It is self-signed: no authority vouches for it.'
      : `No trusted authority vouches for it${pkix.error ? ` (${pkix.error})` : ''}.`;
  const name =
    facts.namesCoverDomain && pkix.matchedName
      ? `It names ${domain} (${pkix.matchedName.type} ${pkix.matchedName.value}).`
      : facts.namesCoverDomain
        ? `It names ${domain}.`
        : `It does not name ${domain}.`;
  const validity =
    facts.validity === 'expired'
      ? ' It has expired.'
      : facts.validity === 'not-yet-valid'
        ? ' It is not valid yet.'
        : '';
  return {
    kind: 'certificate',
    label: `The certificate names ${names.length > 0 ? names.join(', ') : 'no names at all'}`,
    detail:
      `Issued by ${certificate.issuer}; valid from ${certificate.notBefore} to ${certificate.notAfter}.` +
      `${validity} ${chain} ${name}`,
    // The names are vouched for only by something that authenticated this certificate.
    authenticated: facts.chainTrusted || facts.poshVouches || facts.pinVouches,
  };
}

function poshSteps(input: TrustInput): DelegationStep[] {
  const { posh } = input;
  // PKIX proved the server and POSH was not waited for: it is no part of this story.
  if (posh.status === 'skipped') return [];
  if (posh.steps.length === 0) {
    return [{ kind: 'posh', label: 'POSH', detail: posh.reason, authenticated: false }];
  }
  return posh.steps.map((step) => ({
    kind: 'posh',
    label: step.kind === 'cache' ? `POSH: ${step.url} (remembered)` : `POSH: looked up ${step.url}`,
    // Each part is a sentence of its own: the lookup's detail may start in lower case.
    detail: sentence([describePoshStep(step), step.detail].filter((s) => s !== '').map(capitalised).join('. ')),
    authenticated: AUTHENTICATED_POSH_STEPS.has(step.kind),
  }));
}

/** Steps that reflect an answer received over validated HTTPS (or remembered from one). */
const AUTHENTICATED_POSH_STEPS: ReadonlySet<PoshStepKind> = new Set<PoshStepKind>([
  'fingerprints',
  'jwk-set',
  'reference',
  'redirect',
  'not-found',
  'http-error',
  'invalid-document',
  'too-large',
  'cache',
]);

function describePoshStep(step: PoshStep): string {
  const status = step.status === null ? '' : ` (HTTP ${step.status})`;
  switch (step.kind) {
    case 'fingerprints':
      return `Found a list of certificate fingerprints${status}`;
    case 'jwk-set':
      return `Found a key set in the older seed format${status}`;
    case 'reference':
      return `Found a pointer to another document${status}`;
    case 'redirect':
      return `Redirected${status}`;
    case 'not-found':
      return `Nothing published here${status}`;
    case 'http-error':
      return `The web server answered with an error${status}`;
    case 'invalid-document':
      return `The document is invalid${status}`;
    case 'tls-error':
      return `The web server's own certificate could not be verified`;
    case 'network-error':
      return 'Could not connect to the web server';
    case 'timeout':
      return 'The web server took too long to answer';
    case 'too-large':
      return `The document is too large${status}`;
    case 'budget-exceeded':
      return 'Gave up: too many redirects or references';
    case 'refused-address':
      return 'Not followed: it pointed into your own network or at a bare IP address';
    case 'cache':
      return 'Remembered from an earlier lookup';
  }
}

function pinStep(input: TrustInput, facts: TrustFacts, pin: Pin): DelegationStep {
  const how = pin.approvedHow === 'replaced' ? 'replaced' : pin.approvedHow === 'published-fingerprint' ? 'pinned from a published fingerprint' : 'pinned';
  const source = pin.certificate === null ? 'from a fingerprint you entered' : `from a certificate for ${listNames(certificateNames(pin.certificate))}`;
  if (facts.pinVouches) {
    return {
      kind: 'pin',
      label: `Pinned by you on ${isoDay(pin.approvedAt)}`,
      detail: `You ${how} this key (SHA-256 ${pin.spkiSha256}) for ${domainForPeople(pin.domain)}.`,
      authenticated: true,
    };
  }
  return {
    kind: 'pin',
    label: `Your pinned key for ${domainForPeople(pin.domain)} is different`,
    detail:
      `You ${how} key SHA-256 ${pin.spkiSha256} on ${isoDay(pin.approvedAt)} (${source}); this server presented key SHA-256 ` +
      `${input.certificate.spkiSha256}.`,
    authenticated: false,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Ends text from another module (which may or may not punctuate) with exactly one full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
