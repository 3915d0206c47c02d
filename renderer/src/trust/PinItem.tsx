import { domainForPeople, sameDomain } from '../../../app/domain/address/domain-name.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import type { AccountView } from '../../../app/domain/account.js';
import { certificateNames, listNames } from '../../../app/domain/certificate-names.js';
import type { Pin } from '../../../app/domain/trust.js';
import { Fingerprint } from '../common/Fingerprint.js';
import { Time } from '../common/Time.js';

interface PinItemProps {
  readonly pin: Pin;
  /** Every account; the pin lists those whose domain it is for. */
  readonly accounts: readonly AccountView[];
  readonly onOpenAccount?: ((accountId: string) => void) | undefined;
  readonly onReplace: (pin: Pin, account: AccountView) => void;
  readonly onRemove: (pin: Pin) => void;
}

const HOW: Record<Pin['approvedHow'], string> = {
  pinned: 'Pinned by you',
  replaced: 'Replaced an older pin',
  'published-fingerprint': 'Pinned by you from a published fingerprint',
};

export function accountsUsing(pin: Pin, accounts: readonly AccountView[]): AccountView[] {
  return accounts.filter((account) => {
    const jid = jidOrNull(account.settings.jid);
    return jid !== null && sameDomain(jid.domain.ascii, pin.domain);
  });
}

/** One pin: its key, the certificate it came from, when and how it was approved, who uses it and whether it still matches. */
export function PinItem({ pin, accounts, onOpenAccount, onReplace, onRemove }: PinItemProps) {
  const domain = domainForPeople(pin.domain);
  const users = accountsUsing(pin, accounts);
  return (
    <li className={`card${pin.mismatchSince ? ' card--danger' : ''}`} data-testid="pin-item">
      <h3 className="card__title">
        <bdi>{domain}</bdi> <span className="note">({pin.service})</span>
      </h3>
      {pin.mismatchSince ? (
        <div className="pin__mismatch" role="status" data-testid="pin-mismatch">
          <p>
            <strong>
              Does not match the server since <Time iso={pin.mismatchSince} />.
            </strong>{' '}
            The server presents another key. Replace the pin only if the people who run {domain} told you the key changed.
          </p>
          {users[0] ? (
            <button type="button" className="button--danger" onClick={() => onReplace(pin, users[0] as AccountView)}>
              Replace the pinned key…
            </button>
          ) : null}
        </div>
      ) : null}
      <Fingerprint label="SHA-256 of the pinned public key" value={pin.spkiSha256} />
      <dl className="facts">
        {pin.certificate ? (
          <>
            <dt>From a certificate for</dt>
            <dd>
              <bdi>{listNames(certificateNames(pin.certificate), 6)}</bdi>
            </dd>
            <dt>Issued by</dt>
            <dd>
              <bdi>{pin.certificate.issuer}</bdi>
            </dd>
            <dt>Certificate expires</dt>
            <dd>
              <Time iso={pin.certificate.notAfter} />
            </dd>
          </>
        ) : (
          <>
            <dt>Certificate</dt>
            <dd>None seen yet: the first connection that presents this key fills it in.</dd>
          </>
        )}
        <dt>Approved</dt>
        <dd>
          {HOW[pin.approvedHow]} on <Time iso={pin.approvedAt} as="day" />
        </dd>
        <dt>Last seen</dt>
        <dd>{pin.lastSeenAt ? <Time iso={pin.lastSeenAt} /> : 'Not yet'}</dd>
        <dt>Used by</dt>
        <dd data-testid="pin-accounts">
          {users.length === 0 ? (
            'No account yet'
          ) : (
            <ul className="inline-list">
              {users.map((account) => (
                <li key={account.settings.id}>
                  {onOpenAccount ? (
                    <button type="button" className="button--link" onClick={() => onOpenAccount(account.settings.id)}>
                      <bdi>{account.settings.jid}</bdi>
                    </button>
                  ) : (
                    <bdi>{account.settings.jid}</bdi>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <button type="button" className="button--danger" onClick={() => onRemove(pin)}>
        Remove pin for <bdi>{domain}</bdi>
      </button>
    </li>
  );
}
