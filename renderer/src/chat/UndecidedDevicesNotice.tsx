import type { UndecidedDevice } from '../../../app/ipc/omemo-contract.js';
import './undecided-devices.css';

interface UndecidedDevicesNoticeProps {
  /** The contact's address, as the trust center lists their devices under it. */
  readonly peer: string;
  readonly devices: readonly UndecidedDevice[];
  /** Opens the trust center; no button without it. */
  readonly onReview?: (() => void) | undefined;
}

/**
 * Above the messages of a conversation whose contact has a new device our messages leave out (issue 15): a new
 * device of a contact the person verified could be an attacker's, so it is not trusted silently; this says so and
 * points to where the person decides. Everything from the network is text, never HTML.
 */
export function UndecidedDevicesNotice({ peer, devices, onReview }: UndecidedDevicesNoticeProps) {
  if (devices.length === 0) return null;
  const one = devices.length === 1;
  const ids = devices.map((d) => d.deviceId).join(', ');
  const known = devices.filter((d): d is UndecidedDevice & { readonly fingerprint: string } => d.fingerprint !== null);
  return (
    <div className="undecided-devices-notice" role="note" data-testid="undecided-devices-notice">
      <p>
        <bdi>{peer}</bdi> has {one ? 'a new device' : 'new devices'} ({ids}) that your messages are not encrypted to yet. Check{' '}
        {one ? 'its fingerprint' : 'their fingerprints'} with them before you trust {one ? 'it' : 'them'}.
      </p>
      {known.length > 0 ? (
        <details>
          <summary>{known.length === 1 ? 'Fingerprint' : 'Fingerprints'}</summary>
          <ul className="undecided-devices-notice__fingerprints">
            {known.map((d) => (
              <li key={d.deviceId}>
                {d.deviceId}: <code>{d.fingerprint}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {onReview ? (
        <button type="button" className="button--small" onClick={onReview} data-testid="review-undecided-devices">
          Review in the trust center
        </button>
      ) : null}
    </div>
  );
}
