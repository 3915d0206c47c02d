/**
 * The shortcut in app/domain/address/idna.ts for plain ASCII names (letters, digits, hyphens) must give exactly
 * what the IDNA library gives, for every name, and must keep the library out of the way for them. Without the
 * library (the window before it has loaded) the shortcut's names convert the same and every other name is null.
 */
import fc from 'fast-check';
import tr46 from 'tr46';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdna, IDNA_OPTIONS } from '../../../app/domain/address/idna.js';

const library = {
  toAscii: (name: string) => tr46.toASCII(name, IDNA_OPTIONS),
  toUnicode: (name: string) => {
    const result = tr46.toUnicode(name, IDNA_OPTIONS);
    return result.error ? null : result.domain;
  },
};

/** Names near the edges of the shortcut: hyphens in every place, "xn--", empty labels, upper case, lengths. */
const EDGES = [
  'example.com',
  'a',
  '1',
  '123',
  '1.2.3',
  'a-b.example',
  'a--b.example',
  'ab--c.example',
  'xn--bcher-kva.example',
  'xn--zz.example',
  '-a.example',
  'a-.example',
  'a..example',
  '.example',
  'example.',
  'Example.com',
  'a_b.example',
  'bücher.example',
  `${'a'.repeat(63)}.example`,
  `${'a'.repeat(64)}.example`,
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
];

const withLibrary = createIdna(tr46);
const withoutLibrary = createIdna(null);

/** Whether the conversions without the library agree with the library, or say null (not known without it). */
function agreesOrUnknown(name: string): void {
  const ascii = withoutLibrary.toAscii(name);
  if (ascii !== null) expect(ascii).toBe(library.toAscii(name));
  const unicode = withoutLibrary.toUnicode(name);
  if (unicode !== null) expect(unicode).toBe(library.toUnicode(name));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IDNA for plain ASCII names', () => {
  it.each(EDGES)('gives what the library gives for %s', (name) => {
    expect(withLibrary.toAscii(name)).toBe(library.toAscii(name));
    expect(withLibrary.toUnicode(name)).toBe(library.toUnicode(name));
    agreesOrUnknown(name);
  });

  it('gives what the library gives for any name of ASCII letters, digits, hyphens and dots', () => {
    const name = fc.stringMatching(/^[a-zA-Z0-9.-]{0,80}$/);
    const withPunycode = fc.tuple(fc.constantFrom('', 'xn--', 'ab--'), name).map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(fc.oneof(name, withPunycode), (input) => {
        expect(withLibrary.toAscii(input)).toBe(library.toAscii(input));
        expect(withLibrary.toUnicode(input)).toBe(library.toUnicode(input));
        agreesOrUnknown(input);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves the library out for plain names and asks it for the others', () => {
    const toAscii = vi.spyOn(tr46, 'toASCII');
    const toUnicode = vi.spyOn(tr46, 'toUnicode');
    expect(withLibrary.toAscii('chat.example.com')).toBe('chat.example.com');
    expect(withLibrary.toUnicode('Chat.Example.COM')).toBe('chat.example.com');
    expect(toAscii).not.toHaveBeenCalled();
    expect(toUnicode).not.toHaveBeenCalled();
    expect(withLibrary.toAscii('bücher.example')).toBe('xn--bcher-kva.example');
    expect(withLibrary.toUnicode('xn--bcher-kva.example')).toBe('bücher.example');
    expect(toAscii).toHaveBeenCalledTimes(1);
    expect(toUnicode).toHaveBeenCalledTimes(1);
  });

  it('without the library, reads plain ASCII names (any case) and no others', () => {
    expect(withoutLibrary.toAscii('Chat.Example.COM')).toBe('chat.example.com');
    expect(withoutLibrary.toUnicode('chat.example.com')).toBe('chat.example.com');
    expect(withoutLibrary.toAscii('bücher.example')).toBeNull();
    expect(withoutLibrary.toUnicode('xn--bcher-kva.example')).toBeNull();
    expect(withoutLibrary.toAscii('a_b.example')).toBeNull();
  });
});
