import { describe, expect, it } from 'vitest';
import { MAX_STANZA_CHARS, MAX_STANZA_DEPTH, StreamGuard } from '../../../../main/xmpp/session/stream-guard.js';

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='a.test' id='1' version='1.0'>`;
const nested = (levels: number) => `${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}`;

/** Feeds the text one piece at a time, as TLS records might split it. */
function scan(text: string, chunk = 7, guard = new StreamGuard()) {
  let result = null;
  for (let i = 0; i < text.length && result === null; i += chunk) result = guard.received(text.slice(i, i + chunk));
  return result;
}

describe('StreamGuard', () => {
  it('passes an ordinary stream with a restart, CDATA, references, self-closing elements and keep-alives', () => {
    const text =
      HEADER +
      `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>` +
      `<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>` +
      HEADER + // the server's answer to the restart: a new root, not a nested element
      `<message from='b@a.test' to="c@a.test/x &amp; y"><body>1 &lt; 2 &#x1F600; &#38; <![CDATA[<not> &a tag]]></body><x a='/>'/></message>` +
      '   ' +
      `<r xmlns='urn:xmpp:sm:3'/>` +
      `<message>${nested(MAX_STANZA_DEPTH - 1)}</message>`;
    expect(scan(text)).toBeNull();
    expect(scan(text, 1)).toBeNull();
  });

  it(`refuses nesting deeper than ${MAX_STANZA_DEPTH} levels`, () => {
    expect(scan(`${HEADER}<message>${nested(MAX_STANZA_DEPTH)}</message>`)).toMatchObject({ kind: 'too-deep', condition: 'policy-violation' });
    // Deep nesting arriving without end tags is refused as it arrives, not when it ends.
    expect(scan(`${HEADER}${'<a>'.repeat(MAX_STANZA_DEPTH + 1)}`)).toMatchObject({ kind: 'too-deep' });
  });

  it('refuses a top-level element larger than 512 KiB, even one that never ends, but not many smaller ones', () => {
    const body = 'x'.repeat(MAX_STANZA_CHARS);
    expect(scan(`${HEADER}<message><body>${body}</body></message>`, 65_536)).toMatchObject({ kind: 'too-large', condition: 'policy-violation' });
    expect(scan(`${HEADER}<message a='${body}`, 65_536)).toMatchObject({ kind: 'too-large' });
    const small = `<message><body>${'x'.repeat(MAX_STANZA_CHARS / 4)}</body></message>`;
    expect(scan(HEADER + small.repeat(8), 65_536)).toBeNull();
  });

  it.each([
    ['a DOCTYPE with entities', `<!DOCTYPE stream [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>`],
    ['an ENTITY declaration', `<message><!ENTITY x SYSTEM "file:///etc/passwd"></message>`],
    ['a comment', `<message><!-- hi --></message>`],
    ['a processing instruction', `<message><?php echo 1 ?></message>`],
    ['an undeclared entity reference', `<message><body>&xxe;</body></message>`],
    ['an entity reference in an attribute', `<message to='&xxe;'/>`],
    ['a reference to a character XML forbids', `<message><body>&#x0;</body></message>`],
  ])('refuses %s as restricted XML', (_what, text) => {
    expect(scan(HEADER + text)).toMatchObject({ kind: 'restricted-xml', condition: 'restricted-xml' });
  });
});
