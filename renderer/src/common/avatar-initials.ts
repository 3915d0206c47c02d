/**
 * The one or two letters on an avatar placeholder. Letters are grapheme clusters (Intl.Segmenter), so an
 * emoji, a letter with combining accents or a Devanagari syllable is never cut in half.
 */
import type { JidParser } from '../../../app/domain/address/jid-parser.js';

/** Printable ASCII: every character is a grapheme of its own, no segmenter needed (the common case, and fast). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** Scripts with capital letters write two initials ("AL", "АК"); others, and emoji, one ("山", "😺"). */
const CASED_LETTER = /^[\p{Lu}\p{Ll}\p{Lt}]/u;

/**
 * "Alice Liddell" → "AL", "alice@example.org" → "A" (a name that is really an address: the first letter of
 * its local part), "山田 太郎" → "山", "😺 Cat" → "😺", "" → "?".
 */
export function avatarInitials(name: string, jids: Pick<JidParser, 'jidOrNull'>): string {
  const trimmed = name.trim();
  if (trimmed === '') return '?';
  // Only a text with "@" can be an address; the others need no parsing (rows show hundreds of names).
  const address = trimmed.includes('@') ? jids.jidOrNull(trimmed) : null;
  if (address !== null && address.local !== null) return firstGrapheme(address.local).toLocaleUpperCase();
  const words = trimmed.split(/\s+/u);
  const first = firstGrapheme(words[0] ?? '');
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1] ?? '') : '';
  const pair = CASED_LETTER.test(first) && CASED_LETTER.test(last) ? first + last : first;
  return pair.toLocaleUpperCase();
}

function firstGrapheme(text: string): string {
  if (PLAIN_ASCII.test(text)) return text.slice(0, 1);
  // Made when first needed: the first segmenter loads the break rules, tens of milliseconds the window's first
  // screen does not need to spend when every name is plain ASCII.
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) return segment;
  return '';
}
