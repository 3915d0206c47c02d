/**
 * issue 15: OMEMO. Our correction of an encrypted message (change-stanzas.ts encryptedCorrectionStanza): the
 * `<replace>` in the clear, the new text only inside `<encrypted>`, and a receiver reads it back as a correction
 * with the text it decrypted.
 */
import { describe, expect, it } from 'vitest';
import { correctionStanza, encryptedCorrectionStanza } from '../../../../../main/xmpp/features/message-changes/change-stanzas.js';
import { parseMessage } from '../../../../../main/xmpp/features/parse-message.js';
import { onTheWire, parseStanza } from '../fake-link.js';
import { OMEMO_FALLBACK_BODY, sealed } from './encrypted-stanzas.js';

const ROMEO = 'romeo@example.net';
const OMEMO_NS = 'eu.siacs.conversations.axolotl';
/** What the stand-in "encryption" made of the new text: anything but the text itself. */
const SEALED_BYTES = 'ciphertext-stand-in';

describe('the encrypted correction stanza', () => {
  it('carries the encrypted element with its hints and fallback body, the replace and the ids, and nothing of the new text', () => {
    const stanza = onTheWire(encryptedCorrectionStanza(ROMEO, 'c1', 'orig-1', sealed(SEALED_BYTES)));
    expect(stanza.attrs).toEqual({ to: ROMEO, type: 'chat', id: 'c1' });
    expect(stanza.getChildElements().map((child) => `${child.getNS()} ${child.getName()}`)).toEqual([
      `${OMEMO_NS} encrypted`,
      'urn:xmpp:hints store',
      'urn:xmpp:eme:0 encryption',
      'jabber:client body',
      'urn:xmpp:message-correct:0 replace',
      'urn:xmpp:receipts request',
      'urn:xmpp:sid:0 origin-id',
    ]);
    expect(stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe('orig-1');
    expect(stanza.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe('c1');
    expect(stanza.getChildText('body')).toBe(OMEMO_FALLBACK_BODY);
    const payload = stanza.getChild('encrypted', OMEMO_NS)?.getChildText('payload', OMEMO_NS) ?? '';
    expect(Buffer.from(payload, 'base64').toString('utf8')).toBe(SEALED_BYTES);
  });

  it('keeps the new text out where the plaintext correction puts it in the body (the control)', () => {
    const text = 'the corrected secret';
    expect(correctionStanza(ROMEO, 'c1', 'orig-1', text).toString()).toContain(text);
    expect(encryptedCorrectionStanza(ROMEO, 'c1', 'orig-1', sealed(SEALED_BYTES)).toString()).not.toContain(text);
  });

  it('refuses a key transport (no payload): a correction needs its text', () => {
    expect(() => encryptedCorrectionStanza(ROMEO, 'c1', 'orig-1', sealed(null))).toThrow(/encrypted payload/);
  });

  it('is read by a receiver as a correction of the original with the text it decrypted, never the fallback', () => {
    const sent = encryptedCorrectionStanza('alice@example.org', 'c1', 'orig-1', sealed('fixed text'));
    const received = parseStanza(sent.toString().replace('<message ', `<message from='${ROMEO}/orchard' xmlns='jabber:client' `));
    const opened = parseMessage(received, 'alice@example.org', { opened: 'fixed text' });
    const closed = parseMessage(received, 'alice@example.org');
    expect(opened.ok && opened.message.changes.change).toEqual({ kind: 'correction', ref: 'orig-1', body: 'fixed text' });
    // Not opened: no body, so no correction (the fallback body is never taken for the new text).
    expect(closed.ok && closed.message.changes.change).toBeNull();
  });
});
