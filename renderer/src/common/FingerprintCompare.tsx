import { useId, useState } from 'react';
import { parseFingerprint } from '../../../app/domain/fingerprint-input.js';

export interface KnownFingerprint {
  /** What it is the SHA-256 of, in words: "the public key", "the certificate". */
  readonly what: string;
  /** Standard base64. */
  readonly value: string;
}

export type CompareResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'match'; readonly what: string }
  | { readonly kind: 'no-match' };

/** Compares pasted text with the fingerprints shown: the machine compares, not the eye (trust-ux.md). */
export function compareFingerprint(input: string, known: readonly KnownFingerprint[]): CompareResult {
  if (input.trim() === '') return { kind: 'empty' };
  const parsed = parseFingerprint(input);
  if (!parsed.ok) return { kind: 'unreadable', message: parsed.problem.message };
  const found = known.find((k) => k.value === parsed.base64);
  return found ? { kind: 'match', what: found.what } : { kind: 'no-match' };
}

/**
 * "Paste the fingerprint your provider gave you": accepts hex with or without colons in any case, or base64,
 * and says match or no match against the SHA-256 of the certificate and of its public key.
 */
export function FingerprintCompare({ known, subject }: { readonly known: readonly KnownFingerprint[]; readonly subject: string }) {
  const id = useId();
  const [input, setInput] = useState('');
  const result = compareFingerprint(input, known);
  return (
    <div className="compare-field" data-testid="fingerprint-compare">
      <label htmlFor={id}>Paste the fingerprint your provider gave you</label>
      <input
        id={id}
        type="text"
        value={input}
        spellCheck={false}
        autoComplete="off"
        placeholder="AB:CD:… or base64"
        onChange={(event) => setInput(event.target.value)}
        aria-describedby={`${id}-result`}
      />
      <p id={`${id}-result`} role="status" className={`compare-field__result compare-field__result--${result.kind}`} data-result={result.kind}>
        {result.kind === 'empty' ? `Hex (with or without colons) or base64 of the SHA-256 of ${subject}'s certificate or public key.` : null}
        {result.kind === 'unreadable' ? result.message : null}
        {result.kind === 'match' ? `✓ Match: this is the SHA-256 of ${result.what}.` : null}
        {result.kind === 'no-match' ? `✕ No match: this is neither the certificate's nor the public key's SHA-256. Do not trust this key.` : null}
      </p>
    </div>
  );
}
