import { describe, expect, it } from 'vitest';
import { readMessageChanges } from '../../../../../main/xmpp/features/message-changes/message-change-parts.js';
import { parseStanza } from '../fake-link.js';

const read = (inner: string) => {
  const stanza = parseStanza(`<message from='bob@example.org/x' type='chat' id='s1'>${inner}</message>`);
  const body = stanza.getChildText('body');
  return readMessageChanges(stanza, body === null || body === '' ? null : body);
};

describe('reading message changes (XEP-0308, XEP-0424, XEP-0444, XEP-0461, XEP-0428)', () => {
  it('a correction carries its new text and the id of the message it replaces', () => {
    expect(read(`<body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='m1'/>`)).toEqual({
      change: { kind: 'correction', ref: 'm1', body: 'fixed' },
      replyTo: null,
      body: 'fixed',
    });
  });

  it('a correction without a body, or two replace elements, is no correction', () => {
    expect(read(`<replace xmlns='urn:xmpp:message-correct:0' id='m1'/>`).change).toBeNull();
    expect(read(`<body>x</body><replace xmlns='urn:xmpp:message-correct:0' id='m1'/><replace xmlns='urn:xmpp:message-correct:0' id='m2'/>`).change).toBeNull();
  });

  it('a retraction drops its fallback body', () => {
    expect(
      read(`<retract xmlns='urn:xmpp:message-retract:1' id='m1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/><body>unsupported</body>`),
    ).toEqual({ change: { kind: 'retraction', ref: 'm1' }, replyTo: null, body: null });
  });

  it('reactions: distinct, trimmed, short ones only', () => {
    const long = 'x'.repeat(33);
    const parts = read(
      `<reactions xmlns='urn:xmpp:reactions:0' id='m1'><reaction>👍</reaction><reaction> 👍 </reaction><reaction></reaction><reaction>${long}</reaction><reaction>❤️</reaction></reactions>`,
    );
    expect(parts.change).toEqual({ kind: 'reactions', ref: 'm1', emojis: ['👍', '❤️'] });
  });

  it('an empty reactions element takes all of the sender\'s reactions back', () => {
    expect(read(`<reactions xmlns='urn:xmpp:reactions:0' id='m1'/>`).change).toEqual({ kind: 'reactions', ref: 'm1', emojis: [] });
  });

  it('a reply names its original; its quote (counted in code points) is stripped', () => {
    const quote = '> Ålice 😀 wrote:\n> hi\n';
    const end = [...quote].length;
    const parts = read(
      `<body>${quote}hello</body><reply xmlns='urn:xmpp:reply:0' to='alice@example.org/phone' id='m1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='${end}'/></fallback>`,
    );
    expect(parts).toEqual({ change: null, replyTo: { id: 'm1', to: 'alice@example.org', fallback: null }, body: 'hello' });
  });

  it('keeps the text of a fallback for a feature not understood, and ignores a range that does not fit', () => {
    expect(read(`<body>hello</body><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:unknown:0'><body start='0' end='3'/></fallback>`).body).toBe('hello');
    const outOfRange = `<body>hello</body><reply xmlns='urn:xmpp:reply:0' id='m1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='99'/></fallback>`;
    expect(read(outOfRange).body).toBe('hello');
    // Without a reply element, a reply fallback is not understood: the quote is the only context there is.
    expect(read(`<body>> q\nhello</body><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='4'/></fallback>`).body).toBe('> q\nhello');
  });

  it('a plain message has no changes', () => {
    expect(read(`<body>hi</body>`)).toEqual({ change: null, replyTo: null, body: 'hi' });
  });
});
