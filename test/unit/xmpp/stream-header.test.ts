/** The pre-TLS stream header: RFC 7622 §3.2.1 wants the JID domain in U-labels (posh.md §7.3). */
import { describe, expect, it } from 'vitest';
import { streamHeader } from '../../../main/xmpp/starttls-negotiation.js';

describe('streamHeader', () => {
  it("sends to='U-label' for an IDN domain given in either form", () => {
    for (const domain of ['xn--bcher-kva.test', 'Bücher.test']) expect(streamHeader(domain)).toContain("to='bücher.test'");
  });

  it('keeps ASCII domains as they are and escapes what it writes', () => {
    expect(streamHeader('hosted.test')).toContain("to='hosted.test'");
    expect(streamHeader("a'b")).toContain("to='a&apos;b'");
  });
});
