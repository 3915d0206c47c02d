/**
 * Limits on what a server may send after TLS, checked on the raw text before xmpp.js's parser sees it. Even a
 * verified server may misbehave or be compromised, and the parser (ltx) has no limits of its own: it keeps a
 * whole element in memory until it ends, builds any depth of nesting (and everything that walks the tree
 * afterwards recurses), and treats `<!DOCTYPE ...>` as a comment that swallows the rest of the stream.
 *
 *   - size: one top-level element (a stanza, or a features/SASL/SM element) at most 512 KiB of characters.
 *     Our own requests allow bodies up to 256 KiB; twice that leaves room for a server's framing around it.
 *   - depth: at most 32 levels of elements in a top-level element (it is the first). The deepest real stanzas (a carbon
 *     forwarding a message with XHTML-IM, a pubsub item with a payload) stay well under 16; 32 leaves room
 *     for extensions while keeping every recursion over the tree short.
 *   - restricted XML (RFC 6120 §11.1): no DTD (`<!DOCTYPE`, `<!ENTITY`), no comments, no processing
 *     instructions, no entity references but the five predefined ones and character references (ltx would
 *     throw on any other while building the tree). The XML declaration `<?xml ...?>` outside a stanza and
 *     CDATA sections pass.
 *
 * A violation is answered with the stream error RFC 6120 §4.9.3 names (`policy-violation` for size and depth,
 * `restricted-xml` for DTDs, comments and PIs) by the caller (adopted-transport.ts). The scanner is a small
 * state machine over characters, so elements and markup split across TLS records are handled as one text.
 */

export const MAX_STANZA_CHARS = 512 * 1024;
export const MAX_STANZA_DEPTH = 32;

export type StreamViolation =
  | { readonly kind: 'too-large'; readonly condition: 'policy-violation'; readonly limit: number }
  | { readonly kind: 'too-deep'; readonly condition: 'policy-violation'; readonly limit: number }
  | { readonly kind: 'restricted-xml'; readonly condition: 'restricted-xml'; readonly what: string };

export interface StreamLimits {
  readonly maxChars: number;
  readonly maxDepth: number;
}

type State = 'text' | 'lt' | 'bang' | 'cdata' | 'declaration' | 'tag-name' | 'tag' | 'quoted' | 'reference';

/** The references XML allows without a DTD: the five predefined entities and character references. */
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});$/;
const MAX_REFERENCE_CHARS = 12;

/** A character reference must name a character XML allows (https://www.w3.org/TR/xml/#NT-Char); ltx throws otherwise. */
function isXmlChar(reference: string): boolean {
  if (reference[1] !== '#') return true;
  const code = reference[2] === 'x' ? parseInt(reference.slice(3, -1), 16) : parseInt(reference.slice(2, -1), 10);
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const CDATA_OPEN = '[CDATA[';

export class StreamGuard {
  readonly limits: StreamLimits;
  #state: State = 'text';
  /** Open elements; 1 inside the stream root, 2 inside a top-level element. */
  #depth = 0;
  /** Characters of the current top-level element so far. */
  #chars = 0;
  #closing = false;
  #selfClosing = false;
  #name = '';
  #quote = '';
  #bang = '';
  /** The last characters seen inside a CDATA section or declaration, to find its end across records. */
  #tail = '';
  #violation: StreamViolation | null = null;
  #reference = '';
  /** Where a reference started: text or an attribute value, to return there. */
  #beforeReference: State = 'text';

  constructor(limits: Partial<StreamLimits> = {}) {
    this.limits = { maxChars: limits.maxChars ?? MAX_STANZA_CHARS, maxDepth: limits.maxDepth ?? MAX_STANZA_DEPTH };
  }

  /** Scans the next text from the server; the first violation, for good once found, or null. */
  received(text: string): StreamViolation | null {
    for (let i = 0; i < text.length && this.#violation === null; i += 1) {
      // Whitespace between top-level elements (keep-alives) is not part of any element.
      if (this.#depth >= 2 || this.#state !== 'text') {
        this.#chars += 1;
        if (this.#chars > this.limits.maxChars) this.#violation = { kind: 'too-large', condition: 'policy-violation', limit: this.limits.maxChars };
      }
      this.#step(text[i]!);
    }
    return this.#violation;
  }

  #step(c: string): void {
    switch (this.#state) {
      case 'text':
        if (c === '<') this.#state = 'lt';
        else if (c === '&') this.#startReference();
        return;
      case 'reference':
        this.#reference += c;
        if (c === ';') {
          if (!REFERENCE.test(this.#reference) || !isXmlChar(this.#reference)) this.#refuse(`the entity reference "${this.#reference}"`);
          this.#state = this.#beforeReference;
        } else if (this.#reference.length > MAX_REFERENCE_CHARS) {
          this.#refuse('an entity reference');
        }
        return;
      case 'lt':
        this.#closing = c === '/';
        this.#selfClosing = false;
        this.#name = c === '/' ? '' : c;
        if (c === '!') {
          this.#bang = '';
          this.#state = 'bang';
        } else if (c === '?') {
          this.#name = '';
          this.#tail = '';
          this.#state = 'declaration';
        } else this.#state = 'tag-name';
        return;
      case 'bang':
        this.#bang += c;
        if (this.#bang === CDATA_OPEN) {
          this.#tail = '';
          this.#state = 'cdata';
        } else if (!CDATA_OPEN.startsWith(this.#bang)) {
          this.#refuse(this.#bang.startsWith('-') ? 'a comment' : 'a document type or entity declaration');
        }
        return;
      case 'cdata':
        this.#tail = (this.#tail + c).slice(-3);
        if (this.#tail === ']]>') this.#state = 'text';
        return;
      case 'declaration':
        // Only `<?xml ...?>`, and only where a stream header may follow (outside any stanza).
        if (this.#name.length < 4) {
          this.#name += c;
          if (this.#name.length === 4 && (this.#name !== 'xml ' || this.#depth >= 2)) this.#refuse('a processing instruction');
          return;
        }
        this.#tail = (this.#tail + c).slice(-2);
        if (this.#tail === '?>') this.#state = 'text';
        return;
      case 'tag-name':
        if (c === '>' || c === '/' || c <= ' ') {
          this.#state = 'tag';
          this.#step(c);
        } else this.#name += c;
        return;
      case 'tag':
        if (c === '"' || c === "'") {
          this.#quote = c;
          this.#state = 'quoted';
        } else if (c === '/') this.#selfClosing = true;
        else if (c === '>') this.#endTag();
        else if (c > ' ') this.#selfClosing = false;
        return;
      case 'quoted':
        if (c === this.#quote) this.#state = 'tag';
        else if (c === '&') this.#startReference();
        return;
    }
  }

  #endTag(): void {
    this.#state = 'text';
    const local = this.#name.slice(this.#name.indexOf(':') + 1);
    if (this.#closing) {
      this.#depth = Math.max(0, this.#depth - 1);
    } else if (local === 'stream' && this.#depth <= 1) {
      // A stream header: the first one, or the server's answer to a stream restart (the old root is never
      // closed), so it opens a new root rather than nesting.
      this.#depth = 1;
    } else if (!this.#selfClosing) {
      this.#depth += 1;
      if (this.#depth - 1 > this.limits.maxDepth) this.#violation = { kind: 'too-deep', condition: 'policy-violation', limit: this.limits.maxDepth };
    }
    if (this.#depth <= 1) this.#chars = 0;
  }

  #startReference(): void {
    this.#beforeReference = this.#state;
    this.#reference = '&';
    this.#state = 'reference';
  }

  #refuse(what: string): void {
    this.#violation = { kind: 'restricted-xml', condition: 'restricted-xml', what };
  }
}
