import { CopyButton } from './CopyButton.js';
import { groupFingerprint } from '../../../app/domain/fingerprint-groups.js';

interface FingerprintProps {
  readonly label: string;
  readonly value: string;
  readonly testId?: string;
}

/**
 * A fingerprint as people compare them: in groups of four characters, monospace, with a copy button that
 * copies the exact value (not the grouped form).
 */
export function Fingerprint({ label, value, testId }: FingerprintProps) {
  return (
    <div className="fingerprint" data-testid={testId}>
      <span className="fingerprint__label">{label}</span>
      <code className="fingerprint__value" data-value={value}>
        {groupFingerprint(value)}
      </code>
      <CopyButton text={value} label={`Copy ${label}`} />
    </div>
  );
}
