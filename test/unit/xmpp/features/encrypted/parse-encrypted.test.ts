/** issue 15: OMEMO. parse-message.ts reads an `<encrypted>` child and never takes the fallback body for the text. */
import { describe, expect, it } from 'vitest';
import { parseMessage, type ParsedMessage } from '../../../../../main/xmpp/features/parse-message.js';
import { parseStanza } from '../fake-link.js';
import { encryptedChildren, OMEMO_FALLBACK_BODY, SENDER_DEVICE } from './encrypted-stanzas.js';

const OWN = 'alice@example.org';
const message = (children: string) =>
  parseStanza(`<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat' id='m1'>${children}</message>`);

function parsed(children: string, opened?: string): ParsedMessage {
  const result = parseMessage(message(children), OWN, opened === undefined ? {} : { opened });
  if (!result.ok) throw new Error(result.reason);
  return result.message;
}

describe('reading the encrypted part', () => {
  it('marks a plaintext message as not encrypted', () => {
    expect(parsed(`<body>hi</body>`).encrypted).toEqual({ kind: 'none' });
  });

  it('reads a well-formed <encrypted> with the wire parser and leaves the body empty, not the fallback', () => {
    const m = parsed(encryptedChildren('the secret'));
    expect(m.encrypted.kind).toBe('omemo');
    expect(m.encrypted.kind === 'omemo' && m.encrypted.message.sid).toBe(SENDER_DEVICE);
    expect(m.body).toBeNull();
    expect(m.changes.body).toBeNull();
    expect(JSON.stringify(m)).not.toContain(OMEMO_FALLBACK_BODY);
  });

  it('refuses a malformed <encrypted> with the wire problem, and still never reads the body', () => {
    const m = parsed(`<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='0'><iv>AAAA</iv></header></encrypted><body>pretend text</body>`);
    expect(m.encrypted).toEqual({ kind: 'refused', problem: { kind: 'bad-device-id', where: 'header@sid' } });
    expect(m.body).toBeNull();
    expect(m.changes.body).toBeNull();
  });

  it('ignores a link in the clear beside an encrypted body (the server could have added it)', () => {
    const link = 'https://upload.example.net/a/cat.png';
    const m = parsed(`${encryptedChildren(link)}<x xmlns='jabber:x:oob'><url>${link}</url></x>`, link);
    expect(m.oobUrl).toBeNull();
    expect(m.body).toBe(link);
  });

  it('reads a decrypted text that is exactly one aesgcm link as an encrypted file; the same link in plaintext is text (issue 15)', () => {
    const link = `aesgcm://upload.example.net/a/cat.png#${'a1'.repeat(16)}${'0f'.repeat(32)}`;
    expect(parsed(encryptedChildren(link), link).oobUrl).toBe(link);
    expect(parsed(encryptedChildren(link), `${link}\n`).oobUrl).toBe(link);
    expect(parsed(encryptedChildren(link), `look ${link}`).oobUrl).toBeNull();
    expect(parsed(encryptedChildren(link), link.slice(0, -2)).oobUrl).toBeNull();
    const plain = parsed(`<body>${link}</body><x xmlns='jabber:x:oob'><url>${link}</url></x>`);
    expect(plain.oobUrl).toBeNull();
    expect(plain.body).toBe(link);
  });

  it('reads the decrypted text as the body when it is passed back, with the reply quote left out as for any reply', () => {
    const quote = '> Juliet wrote:\n> hello\n';
    const text = `${quote}and hello to you`;
    const m = parsed(
      `${encryptedChildren(text)}<reply xmlns='urn:xmpp:reply:0' id='orig-1' to='alice@example.org'/>` +
        `<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='${[...quote].length}'/></fallback>`,
      text,
    );
    expect(m.body).toBe(text);
    expect(m.changes.body).toBe('and hello to you');
    expect(m.changes.replyTo).toEqual({ id: 'orig-1', to: 'alice@example.org', fallback: null });
  });

  it('reads a decrypted correction as a correction with the decrypted text', () => {
    const m = parsed(`${encryptedChildren('fixed text')}<replace xmlns='urn:xmpp:message-correct:0' id='orig-2'/>`, 'fixed text');
    expect(m.changes.change).toEqual({ kind: 'correction', ref: 'orig-2', body: 'fixed text' });
  });

  it('does not take opened text for a message that has no <encrypted> child', () => {
    const m = parsed(`<body>plain</body>`, 'smuggled');
    expect(m.body).toBe('plain');
  });
});
