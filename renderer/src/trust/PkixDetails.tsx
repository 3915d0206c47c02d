import type { PkixResult } from '../../../app/domain/trust.js';

const MATCH_TYPE = { 'dns-id': 'DNS name', 'srv-id': 'XMPP service name', 'xmpp-addr': 'XMPP address', cn: 'common name' } as const;

/** The ordinary web-style check: a trusted chain, and a name that matches the domain. */
export function PkixDetails({ pkix, domain }: { readonly pkix: PkixResult; readonly domain: string }) {
  return (
    <section className="pkix" aria-label="Certificate authority check" data-testid="pkix-details">
      <h3 className="section-title">Certificate authority check</h3>
      <ul className="plain-list">
        <li data-ok={pkix.chainOk}>{pkix.chainOk ? '✓ A trusted authority issued the certificate.' : '✕ No trusted authority vouches for the certificate.'}</li>
        <li data-ok={pkix.nameOk}>
          {pkix.nameOk && pkix.matchedName ? (
            <>
              ✓ It names {domain} ({MATCH_TYPE[pkix.matchedName.type]} <bdi>{pkix.matchedName.value}</bdi>).
            </>
          ) : pkix.nameOk ? (
            <>✓ It names {domain}.</>
          ) : (
            <>✕ It does not name {domain}.</>
          )}
        </li>
      </ul>
      {pkix.error ? <p className="note">{pkix.error}</p> : null}
    </section>
  );
}
