/**
 * The stable colour of an avatar placeholder: the hue from XEP-0392 (Consistent Color Generation), so a
 * contact keeps its colour here and in other clients that follow it, and a saturation and lightness of our
 * own. XEP-0392 suggests HSLuv at lightness 50, which leaves white text at about 4.48:1: just under the
 * 4.5:1 we promise. So the lightness is picked per hue, the lightest at or below MAX_LIGHTNESS whose
 * contrast with white initials is at least TARGET_CONTRAST. White on the circle does not depend on the
 * theme, so the same colour serves light and dark.
 */
import type { JidParser } from '../../../app/domain/address/jid-parser.js';
import { sha1 } from './sha1.js';

const SATURATION = 0.6;
const MAX_LIGHTNESS = 0.45;
/** Above 4.5 so that rounding the channels to 8 bits cannot take a colour below it. */
const TARGET_CONTRAST = 4.6;
const WHITE = '#ffffff';

/** XEP-0392 §5.1: SHA-1 of the UTF-8 text; its first two bytes, little-endian, as a fraction of a full turn. */
export function xep0392Hue(text: string): number {
  const digest = sha1(new TextEncoder().encode(text));
  const value = (digest[0] ?? 0) | ((digest[1] ?? 0) << 8);
  return (value / 65536) * 360;
}

/**
 * The circle colour (#rrggbb) for a contact. The input is the canonical bare address, as XEP-0392 §7.3
 * asks (two spellings of one address get one colour); text that is not an address is used as it is.
 */
export function avatarColour(address: string, jids: Pick<JidParser, 'bareJidOrNull'>): string {
  return colourForHue(xep0392Hue(jids.bareJidOrNull(address) ?? address));
}

/** The colour for a hue angle: the lightest allowed lightness that keeps white text readable on it. */
export function colourForHue(hue: number): string {
  let dark = 0;
  let light = MAX_LIGHTNESS;
  if (contrastRatio(hslToHex(hue, SATURATION, light), WHITE) < TARGET_CONTRAST) {
    // Lightness only darkens the colour as it falls, so bisection finds the boundary.
    for (let step = 0; step < 20; step++) {
      const middle = (dark + light) / 2;
      if (contrastRatio(hslToHex(hue, SATURATION, middle), WHITE) >= TARGET_CONTRAST) dark = middle;
      else light = middle;
    }
    light = dark;
  }
  return hslToHex(hue, SATURATION, light);
}

/** WCAG 2.x contrast ratio of two #rrggbb colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** WCAG 2.x relative luminance of an sRGB #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** HSL (hue in degrees, saturation and lightness 0–1) to #rrggbb, rounded to 8 bits a channel. */
function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - chroma / 2 * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
