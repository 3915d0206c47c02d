import { domainWithALabel } from '../../../app/domain/address/domain-name.js';
import type { AccountView } from '../../../app/domain/account.js';
import { HumanText } from '../common/HumanText.js';
import { Time } from '../common/Time.js';
import type { LoginProtection } from '../../../app/domain/sasl-mechanism.js';
import { adviceFor } from './advice-text.js';
import { CertificateDetails } from './CertificateDetails.js';
import { DelegationChain } from './DelegationChain.js';
import { IdentityBadge } from './IdentityBadge.js';
import { loginProtectionText } from './login-text.js';
import { PkixDetails } from './PkixDetails.js';
import { PoshLookups } from './PoshLookups.js';
import { TrustHistory } from './TrustHistory.js';
import { WARNING_TEXT, warningsToShow } from './warning-text.js';

/**
 * The account's verdict as a story: is it safe (badge + summary), why (warnings, delegation chain, POSH, the
 * authority check), what to do (advice); then the evidence (certificate, chain) and the account's history.
 */
export function SecurityPanel({ account }: { readonly account: AccountView }) {
  const verdict = account.lastVerdict;
  const warnings = verdict ? warningsToShow(verdict, verdict.warnings) : [];
  return (
    <div className="security" data-testid="security-panel">
      <section className="panel" aria-labelledby={`security-${account.settings.id}`}>
        <h2 id={`security-${account.settings.id}`}>
          Who runs the server for <bdi>{account.settings.jid}</bdi>
        </h2>
        {verdict === null ? (
          <>
            <IdentityBadge verdict={null} />
            <p>Hostproof has not checked this server yet. Connect to check who runs it.</p>
          </>
        ) : (
          <>
            <div className="verdict-head">
              <IdentityBadge verdict={verdict} />
              <span className="note">
                Checked <Time iso={verdict.checkedAt} /> at{' '}
                <bdi>
                  {verdict.endpoint.host}:{verdict.endpoint.port}
                </bdi>{' '}
                ({verdict.endpoint.directTls ? 'direct TLS' : 'STARTTLS'})
              </span>
            </div>
            <p className="verdict-summary" data-testid="verdict-summary">
              <HumanText text={verdict.summary} />
            </p>
            {warnings.length > 0 ? (
              <ul className="warnings" aria-label="Warnings" data-testid="verdict-warnings">
                {warnings.map((warning) => (
                  <li key={warning}>{WARNING_TEXT[warning]}</li>
                ))}
              </ul>
            ) : null}
            <p>
              <strong>What you can do: </strong>
              {adviceFor(verdict)}
            </p>
            {account.connection.stage === 'online' ? <LoginProtectionView login={account.connection.login} /> : null}
            <h3 className="section-title">How Hostproof reached this server</h3>
            <DelegationChain verdict={verdict} />
            <PoshLookups posh={verdict.posh} />
            <PkixDetails pkix={verdict.pkix} domain={domainWithALabel(verdict.domain)} />
            <CertificateDetails certificate={verdict.certificate} chain={verdict.chain} />
          </>
        )}
      </section>
      <TrustHistory accountId={account.settings.id} />
    </div>
  );
}

/** How the current session's login was protected: shown only while online, since it belongs to that session. */
function LoginProtectionView({ login }: { readonly login: LoginProtection }) {
  const text = loginProtectionText(login);
  return (
    <p data-testid="login-protection">
      <strong>How the login was protected: </strong>
      {text.headline}. {text.detail}
    </p>
  );
}
