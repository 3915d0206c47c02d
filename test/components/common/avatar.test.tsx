/**
 * Avatar placeholders: XEP-0392 hues (its own test vectors), the hand-written SHA-1 behind them, initials
 * for names in any script, white initials readable on every colour, and what a screen reader gets.
 */
import { render, screen } from '@testing-library/react';
import { createHash } from 'node:crypto';
import tr46 from 'tr46';
import { describe, expect, it } from 'vitest';
import { createAddresses } from '../../../app/domain/address/addresses.js';
import { Avatar } from '../../../renderer/src/common/Avatar.js';
import { avatarColour, colourForHue, contrastRatio, relativeLuminance, xep0392Hue } from '../../../renderer/src/common/avatar-colour.js';
import { avatarInitials } from '../../../renderer/src/common/avatar-initials.js';
import { sha1 } from '../../../renderer/src/common/sha1.js';

/** The window's address model before the IDNA library has loaded, and after. */
const PLAIN_ASCII_ONLY = createAddresses(null);
const COMPLETE = createAddresses(tr46);

describe('xep0392Hue', () => {
  // XEP-0392 §10 "Test Vectors", no colour-vision correction: text, angle in degrees (6 decimals).
  it.each([
    ['Romeo', 327.255249],
    ['juliet@capulet.lit', 209.4104],
    ['😺', 331.199341],
    ['council', 359.994507],
    ['Board', 171.430664],
  ])('%s → %f°', (text, angle) => {
    expect(xep0392Hue(text)).toBeCloseTo(angle, 5);
  });
});

describe('sha1', () => {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  it('gives the RFC 3174 answers', () => {
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array()))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
  it('agrees with Node across block boundaries (55, 56, 64 and 1,000 bytes) and multi-byte text', () => {
    for (const text of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'Zoë 😺 山田 ☃']) {
      const bytes = new TextEncoder().encode(text);
      expect(hex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'));
    }
  });
});

describe('avatarColour', () => {
  it('keeps white initials at 4.5:1 or more on every hue (checked every quarter degree)', () => {
    let worst = Infinity;
    for (let hue = 0; hue < 360; hue += 0.25) worst = Math.min(worst, contrastRatio(colourForHue(hue), '#ffffff'));
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it('is a real colour, not grey, and differs between hues', () => {
    expect(colourForHue(0)).not.toBe(colourForHue(120));
    expect(colourForHue(120)).not.toBe(colourForHue(240));
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(colourForHue(0).slice(at, at + 2), 16)) as [number, number, number];
    expect(r - Math.max(g, b)).toBeGreaterThan(80);
  });

  it('is the colour of the XEP-0392 hue of the canonical bare address', () => {
    expect(avatarColour('juliet@capulet.lit', PLAIN_ASCII_ONLY)).toBe(colourForHue(209.4104));
    expect(avatarColour('Juliet@Capulet.LIT', PLAIN_ASCII_ONLY)).toBe(avatarColour('juliet@capulet.lit', PLAIN_ASCII_ONLY));
    expect(avatarColour('romeo@montague.lit', PLAIN_ASCII_ONLY)).not.toBe(avatarColour('juliet@capulet.lit', PLAIN_ASCII_ONLY));
  });

  it('gives an internationalised domain one colour in either form once the IDNA library is in', () => {
    expect(avatarColour('anna@xn--bcher-kva.example', COMPLETE)).toBe(avatarColour('anna@bücher.example', COMPLETE));
    // Before, the address is used as it came: the main process sends the canonical (Unicode) form, so the same colour.
    expect(avatarColour('anna@bücher.example', PLAIN_ASCII_ONLY)).toBe(avatarColour('anna@bücher.example', COMPLETE));
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 5);
  });
});

describe('avatarInitials', () => {
  it.each([
    ['Alice Liddell', 'AL'],
    ['alice', 'A'],
    ['alice@example.org', 'A'],
    ['Alice Pleasance Liddell', 'AL'],
    ['  bob  ', 'B'],
    ['émile zola', 'ÉZ'],
    ['e\u0301mile zola', 'E\u0301Z'],
    ['Анна Каренина', 'АК'],
    ['山田 太郎', '山'],
    ['😺 Cat', '😺'],
    ['👩‍👩‍👧 family', '👩‍👩‍👧'],
    ['नमस्ते', 'न'],
    ['', '?'],
    ['   ', '?'],
  ])('%j → %j', (name, initials) => {
    expect(avatarInitials(name, PLAIN_ASCII_ONLY)).toBe(initials);
  });
});

describe('<Avatar>', () => {
  it('shows the initials on a circle screen readers skip, coloured from the address', () => {
    render(<Avatar name="Juliet Capulet" address="juliet@capulet.lit" size="large" />);
    const avatar = screen.getByTestId('avatar');
    const circle = avatar.querySelector('.avatar__circle') as HTMLElement;
    expect(circle.textContent).toBe('JC');
    expect(circle.getAttribute('aria-hidden')).toBe('true');
    expect(avatar.className).toContain('avatar--large');
    const expected = colourForHue(209.4104);
    const rgb = [1, 3, 5].map((at) => parseInt(expected.slice(at, at + 2), 16)).join(', ');
    expect(circle.style.backgroundColor).toBe(`rgb(${rgb})`);
    expect(avatar.textContent).toBe('JC');
  });

  it('says the presence in words, and shows no dot without one', () => {
    const { rerender } = render(<Avatar name="Juliet" address="juliet@capulet.lit" presence="away" />);
    expect(screen.getByText('Away')).toBeTruthy();
    expect(screen.getByTestId('avatar').querySelector('.avatar__presence--away')).not.toBeNull();
    rerender(<Avatar name="Juliet" address="juliet@capulet.lit" presence={null} />);
    expect(screen.queryByText('Away')).toBeNull();
    expect(screen.getByTestId('avatar').querySelector('.avatar__presence')).toBeNull();
  });
});
