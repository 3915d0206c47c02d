import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import type { PoshResult, PoshStatus, PoshStepKind } from '../../../app/domain/trust.js';
import { HumanText } from '../common/HumanText.js';
import { Time } from '../common/Time.js';

const STATUS_TEXT: Record<PoshStatus, string> = {
  verified: 'matched this certificate',
  mismatch: 'published, but does not list this certificate',
  absent: 'nothing published',
  invalid: 'published, but invalid',
  error: 'could not be fetched',
  skipped: 'not needed: a trusted authority already vouched for the certificate',
};

const STEP_TEXT: Record<PoshStepKind, string> = {
  fingerprints: 'fingerprints document',
  'jwk-set': 'key set (older seed format)',
  reference: 'pointer to another document',
  redirect: 'redirect',
  'not-found': 'nothing published (404)',
  'http-error': 'web server error',
  'invalid-document': 'invalid document',
  'tls-error': "web server's certificate not valid",
  'network-error': 'network error',
  timeout: 'timed out',
  'too-large': 'document too large',
  'budget-exceeded': 'too many redirects or references',
  'refused-address': 'not followed: points into your own network',
  cache: 'remembered from an earlier lookup',
};

/** Every POSH URL that was asked, with what came back: the evidence behind "hosted by …" or its absence. */
export function PoshLookups({ posh }: { readonly posh: PoshResult }) {
  const sha1 = posh.match?.hash === 'sha-1';
  return (
    <section className="posh" data-testid="posh-lookups" aria-label="POSH lookups">
      <h3 className="section-title">POSH: what {domainForPeople(posh.domain)} published</h3>
      <p data-testid="posh-status" data-status={posh.status}>
        <strong>Result: {STATUS_TEXT[posh.status]}</strong>
        {posh.status === 'verified' && sha1 ? ' (verified with SHA-1, seed format: a weaker hash)' : ''}. {posh.reason}
      </p>
      {posh.steps.length === 0 ? (
        <p className="note">No web request was made.</p>
      ) : (
        <ol className="posh-steps">
          {posh.steps.map((step, index) => (
            <li key={`${index}-${step.url}`} data-testid="posh-step" data-kind={step.kind}>
              <bdi className="url">{step.url}</bdi>
              <span className="note">
                {' '}
                {step.status === null ? 'no answer' : `HTTP ${step.status}`}, {STEP_TEXT[step.kind]}
                {step.detail === '' ? '' : ': '}
                <HumanText text={step.detail} />
              </span>
            </li>
          ))}
        </ol>
      )}
      {posh.match ? (
        <p className="note">
          Matched {posh.match.hash.toUpperCase()} <code>{posh.match.fingerprint}</code> in <bdi>{posh.match.url}</bdi>
        </p>
      ) : null}
      {posh.expires ? (
        <p className="note">
          Can be reused until <Time iso={posh.expires} /> (<Time iso={posh.expires} as="relative" />).
        </p>
      ) : null}
    </section>
  );
}
