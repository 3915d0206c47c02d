import { useState } from 'react';
import { groupFingerprint } from '../../../app/domain/fingerprint-groups.js';
import { base64ToColonHex } from '../../../app/domain/fingerprint-input.js';
import { CopyButton } from './CopyButton.js';

export type FingerprintFormat = 'hex' | 'base64';

interface FingerprintProps {
  readonly label: string;
  /** Standard base64 of the digest, as the engine keeps it. */
  readonly value: string;
  readonly testId?: string;
  /** Groups to mark as differing from another fingerprint (indexes into the shown groups). */
  readonly differing?: ReadonlySet<number>;
  readonly format?: FingerprintFormat;
  /** Given with `format`: the caller owns the choice (two fingerprints compared side by side switch together). */
  readonly onFormat?: (format: FingerprintFormat) => void;
}

/** The groups a fingerprint is shown in: hex bytes (AB:CD:…) or base64 in fours, as people read them aloud. */
export function fingerprintGroups(value: string, format: FingerprintFormat): string[] {
  return format === 'hex' ? base64ToColonHex(value).split(':') : groupFingerprint(value).split(' ');
}

/** The exact text of a fingerprint in a format: colon hex as `openssl x509 -fingerprint` prints it, or base64. */
export function fingerprintText(value: string, format: FingerprintFormat): string {
  return format === 'hex' ? base64ToColonHex(value) : value;
}

/**
 * A fingerprint as people compare them: colon-separated hex (as openssl prints it) or base64 (as POSH and
 * Hostproof's pins keep it), switchable, monospace, with a copy button that copies the exact text shown.
 */
export function Fingerprint({ label, value, testId, differing, format: controlled, onFormat }: FingerprintProps) {
  const [own, setOwn] = useState<FingerprintFormat>('hex');
  const format = controlled ?? own;
  const choose = onFormat ?? setOwn;
  const groups = fingerprintGroups(value, format);
  const separator = format === 'hex' ? ':' : ' ';
  return (
    <div className="fingerprint" data-testid={testId}>
      <div className="fingerprint__head">
        <span className="fingerprint__label">{label}</span>
        <span className="fingerprint__formats" role="group" aria-label={`Show ${label} as`}>
          {(['hex', 'base64'] as const).map((f) => (
            <button key={f} type="button" className="button--small button--toggle" aria-pressed={format === f} onClick={() => choose(f)}>
              {f === 'hex' ? 'Hex' : 'Base64'}
            </button>
          ))}
        </span>
        <CopyButton text={fingerprintText(value, format)} label={`Copy ${label}`} />
      </div>
      <code className="fingerprint__value" data-value={value} data-format={format} data-testid="fingerprint-text">
        {groups.map((group, index) => (
          <span key={index}>
            {differing?.has(index) ? (
              <mark className="fingerprint__differs" title="Differs">
                {group}
              </mark>
            ) : (
              group
            )}
            {index < groups.length - 1 ? <span className="fingerprint__sep">{separator}</span> : null}
            {index < groups.length - 1 ? <wbr /> : null}
          </span>
        ))}
      </code>
    </div>
  );
}
