/**
 * The one or two letters on an avatar placeholder. Letters are grapheme clusters (Intl.Segmenter), so an
 * emoji, a letter with combining accents or a Devanagari syllable is never cut in half.
 */
import { jidOrNull } from '../../../app/domain/address/jid.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Scripts with capital letters write two initials ("AL", "АК"); others, and emoji, one ("山", "😺"). */
const CASED_LETTER = /^[\p{Lu}\p{Ll}\p{Lt}]/u;

/**
 * "Alice Liddell" → "AL", "alice@example.org" → "A" (a name that is really an address: the first letter of
 * its local part), "山田 太郎" → "山", "😺 Cat" → "😺", "" → "?".
 */
export function avatarInitials(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '?';
  const address = jidOrNull(trimmed);
  if (address !== null && address.local !== null) return firstGrapheme(address.local).toLocaleUpperCase();
  const words = trimmed.split(/\s+/u);
  const first = firstGrapheme(words[0] ?? '');
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1] ?? '') : '';
  const pair = CASED_LETTER.test(first) && CASED_LETTER.test(last) ? first + last : first;
  return pair.toLocaleUpperCase();
}

function firstGrapheme(text: string): string {
  for (const { segment } of graphemes.segment(text)) return segment;
  return '';
}
