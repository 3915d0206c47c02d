import { useCallback, useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { OmemoDeviceView } from '../../../app/domain/omemo-devices.js';
import { useApi } from '../ApiContext.js';
import { CopyButton } from '../common/CopyButton.js';
import { formatDay } from '../common/format-time.js';
import { request } from '../common/ipc.js';
import { QrCode } from '../common/QrCode.js';
import { useLoad } from '../common/use-load.js';
import { DEVICE_TRUST_TEXT, pastedFingerprint } from './device-trust-text.js';

/**
 * OMEMO next to server trust (issue 15): this device's fingerprint (and the QR code other clients scan), and every
 * device of the account's contacts with the trust in it. Raising trust is confirmed in the main process's own
 * dialog, which shows the fingerprint again; the window only asks.
 */
export function OmemoDevices({ accounts }: { readonly accounts: readonly AccountView[] }) {
  const api = useApi();
  const [chosen, setChosen] = useState<string | null>(null);
  const accountId = chosen ?? accounts[0]?.settings.id ?? null;
  const load = useCallback(() => (accountId === null ? Promise.resolve({ ok: true as const, value: null }) : api.listOmemoDevices({ accountId })), [api, accountId]);
  const { state, reload } = useLoad(load);
  const [error, setError] = useState<string | null>(null);

  const setTrust = async (device: OmemoDeviceView, trust: 'verified' | 'blind' | 'distrusted') => {
    if (accountId === null) return;
    setError(null);
    const result = await request(() => api.setDeviceTrust({ accountId, jid: device.jid, deviceId: device.deviceId, trust }));
    if (!result.ok) setError(result.message);
    reload();
  };

  const byContact = new Map<string, OmemoDeviceView[]>();
  if (state.status === 'ready' && state.value?.state === 'ready') {
    for (const device of state.value.devices) byContact.set(device.jid, [...(byContact.get(device.jid) ?? []), device]);
  }

  return (
    <section className="panel" aria-labelledby="omemo-heading" data-testid="omemo-devices">
      <h2 id="omemo-heading">Encryption devices (OMEMO)</h2>
      <p className="note">
        Messages are encrypted on your device for each device of your contact, so only those devices can read them. A device is trusted on first
        sight until you verify it by comparing fingerprints with its owner; once you verified one of a contact&apos;s devices, a new one waits for
        your decision.
      </p>
      {accounts.length > 1 ? (
        <label>
          Account{' '}
          <select value={accountId ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.settings.id} value={a.settings.id}>
                {a.settings.jid}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {accounts.length === 0 ? <p>Add an account to see its encryption devices.</p> : null}
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the encryption devices: {state.message}</p> : null}
      {state.status === 'ready' && state.value?.state === 'off' ? <p data-testid="omemo-off">{state.value.message}</p> : null}
      {state.status === 'ready' && state.value?.state === 'ready' ? (
        <>
          <div className="card omemo-own" data-testid="omemo-own">
            <h3 className="card__title">This device</h3>
            <p className="note">Show this code to a contact who wants to verify you: their client scans it, or they compare the fingerprint.</p>
            <QrCode text={state.value.own.uri} label={`QR code of this device's fingerprint, ${state.value.own.fingerprint}`} />
            <dl className="facts">
              <dt>Device</dt>
              <dd>{state.value.own.deviceId}</dd>
              <dt>Fingerprint</dt>
              <dd>
                <code className="omemo-fingerprint" data-testid="omemo-own-fingerprint">
                  {state.value.own.fingerprint}
                </code>
              </dd>
            </dl>
            <CopyButton text={state.value.own.uri} label="Copy the fingerprint link" />
          </div>
          {byContact.size === 0 ? <p data-testid="omemo-no-devices">No contact&apos;s device yet: they appear when you first write to or hear from a contact with encryption.</p> : null}
          {[...byContact].map(([jid, devices]) => (
            <div key={jid} className="omemo-contact" data-testid="omemo-contact">
              <h3>
                <bdi>{jid}</bdi>
              </h3>
              <ul className="card-list">
                {devices.map((device) => (
                  <DeviceItem key={device.deviceId} device={device} onTrust={(trust) => void setTrust(device, trust)} />
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}

function DeviceItem({ device, onTrust }: { readonly device: OmemoDeviceView; readonly onTrust: (trust: 'verified' | 'blind' | 'distrusted') => void }) {
  const [pasted, setPasted] = useState('');
  const text = DEVICE_TRUST_TEXT[device.trust];
  const hex = device.fingerprint?.replace(/ /g, '') ?? null;
  const compared = pasted.trim() === '' ? null : pastedFingerprint(pasted, device.deviceId);
  const verdict = pasted.trim() === '' ? null : compared === null ? 'unreadable' : compared === hex ? 'match' : 'differ';
  return (
    <li className={`card omemo-device omemo-device--${device.trust}`} data-testid="omemo-device" data-trust={device.trust}>
      <h4 className="card__title">
        Device {device.deviceId} <span className={`badge badge--${text.colour}`}>{text.label}</span>
      </h4>
      <p className="note">{text.meaning}</p>
      <dl className="facts">
        <dt>Fingerprint</dt>
        <dd>{device.fingerprint === null ? 'Not seen yet' : <code className="omemo-fingerprint">{device.fingerprint}</code>}</dd>
        <dt>First seen</dt>
        <dd>{formatDay(device.firstSeen)}</dd>
      </dl>
      {hex !== null && device.trust !== 'verified' ? (
        <label className="compare-field">
          Paste the fingerprint (or xmpp: link) the owner gave you to compare
          <input type="text" value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
      ) : null}
      {verdict === 'match' ? (
        <p role="status" className="compare-field__result compare-field__result--match">
          The fingerprints match.
        </p>
      ) : null}
      {verdict === 'differ' ? (
        <p role="alert" className="compare-field__result compare-field__result--no-match">
          The fingerprints differ: this is not the device you were told about. Do not verify it.
        </p>
      ) : null}
      {verdict === 'unreadable' ? (
        <p role="alert" className="compare-field__result compare-field__result--unreadable">
          That is not a fingerprint of this device.
        </p>
      ) : null}
      <div className="omemo-device__actions">
        {hex !== null && device.trust !== 'verified' ? (
          <button type="button" disabled={verdict === 'differ'} onClick={() => onTrust('verified')}>
            Mark as verified…
          </button>
        ) : null}
        {hex !== null && (device.trust === 'undecided' || device.trust === 'distrusted') ? (
          <button type="button" onClick={() => onTrust('blind')}>
            Trust without verifying…
          </button>
        ) : null}
        {device.trust !== 'distrusted' ? (
          <button type="button" className="button--danger" onClick={() => onTrust('distrusted')}>
            Do not trust
          </button>
        ) : null}
      </div>
    </li>
  );
}
