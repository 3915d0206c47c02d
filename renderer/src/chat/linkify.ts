/**
 * Finds web and XMPP links in message text. Only http:, https: and xmpp: are ever links; anything else
 * (javascript:, data:, file:) stays plain text. Bidi controls and whitespace end a link, so a right-to-left
 * override cannot disguise where it points.
 */
export type TextPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'link'; readonly text: string };

const LINK = /(?:https?:\/\/|xmpp:)[^\s<>"\u200E\u200F\u202A-\u202E\u2066-\u2069]+/giu;
const TRAILING = /[.,;:!?'"”’»)\]}]+$/u;

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    // A link glued to the word before it ("foohttps://...") is not a link: it is likely a disguise.
    if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) continue;
    const url = trimTrailing(match[0]);
    if (!isLink(url)) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Drops sentence punctuation after a link, keeping a closing bracket the link itself opened. */
function trimTrailing(url: string): string {
  let result = url;
  for (;;) {
    const trailing = TRAILING.exec(result)?.[0];
    if (!trailing) return result;
    const last = trailing[trailing.length - 1] ?? '';
    const open = { ')': '(', ']': '[', '}': '{' }[last];
    if (open && count(result, open) >= count(result, last)) return result;
    result = result.slice(0, -1);
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

function isLink(url: string): boolean {
  const lower = url.toLowerCase();
  if (lower.startsWith('xmpp:')) return url.length > 'xmpp:'.length;
  // "https://" alone, or with nothing that could be a host, is not worth a button.
  return /^https?:\/\/[^/?#]+/iu.test(url);
}
