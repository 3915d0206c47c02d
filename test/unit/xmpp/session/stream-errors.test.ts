/** Reading stream errors (RFC 6120 §4.9) and stanza errors (§8.3) into typed errors. */
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { StreamError } from '../../../../main/xmpp/errors.js';
import { streamErrorOf } from '../../../../main/xmpp/session/session-client.js';
import { NS_STANZAS, stanzaErrorOf } from '../../../../main/xmpp/session/stanza-error.js';

const NS_STREAMS = 'urn:ietf:params:xml:ns:xmpp-streams';

describe('streamErrorOf', () => {
  it('reads the condition and text, whatever order they come in', () => {
    const error = streamErrorOf(
      xml('stream:error', {}, xml('text', { xmlns: NS_STREAMS }, ' Replaced by new connection '), xml('conflict', { xmlns: NS_STREAMS })),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(error.condition).toBe('conflict');
    expect(error.text).toBe('Replaced by new connection');
    expect(error.message).toMatch(/Another device logged in/);
  });

  it('ignores application-specific children and falls back to undefined-condition', () => {
    expect(streamErrorOf(xml('stream:error', {}, xml('escape-your-data', { xmlns: 'urn:example' }))).condition).toBe('undefined-condition');
  });
});

describe('stanzaErrorOf', () => {
  it('reads condition, type and text', () => {
    const error = stanzaErrorOf(
      xml('iq', { type: 'error' }, xml('error', { type: 'wait' }, xml('resource-constraint', { xmlns: NS_STANZAS }), xml('text', { xmlns: NS_STANZAS }, 'busy'))),
    );
    expect(error).toMatchObject({ condition: 'resource-constraint', errorType: 'wait', text: 'busy' });
  });

  it('treats a missing or unknown type as cancel and a missing error as undefined-condition', () => {
    expect(stanzaErrorOf(xml('iq', { type: 'error' }, xml('error', { type: 'bogus' }, xml('gone', { xmlns: NS_STANZAS })))).errorType).toBe('cancel');
    expect(stanzaErrorOf(xml('iq', { type: 'error' })).condition).toBe('undefined-condition');
  });
});
