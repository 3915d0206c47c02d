/** Resource binding (RFC 6120 §7) and optional session establishment, against scripted answers. */
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { SessionProtocolError } from '../../../../main/xmpp/errors.js';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { bindResource, NS_BIND, NS_SESSION, sessionRequired } from '../../../../main/xmpp/session/resource-binding.js';

const boundTo = (jid: string) => async (iq: Element) => {
  expect(iq.attrs.type).toBe('set');
  return xml('iq', { type: 'result' }, xml('bind', { xmlns: NS_BIND }, xml('jid', {}, jid)));
};

describe('bindResource', () => {
  it('asks for the resource and returns the full JID the server bound (which may differ)', async () => {
    const asked: Element[] = [];
    const jid = await bindResource(
      async (iq) => {
        asked.push(iq);
        return boundTo('alice@example.test/desk-4f2a')(iq);
      },
      'desk',
      'example.test',
    );
    expect(jid).toBe('alice@example.test/desk-4f2a');
    expect(asked[0]?.getChild('bind', NS_BIND)?.getChildText('resource')).toBe('desk');
  });

  it('sends no <resource/> when none is requested', async () => {
    let request: Element | null = null;
    await bindResource(
      async (iq) => {
        request = iq;
        return boundTo('alice@example.test/generated')(iq);
      },
      '',
      'example.test',
    );
    expect((request as Element | null)?.getChild('bind', NS_BIND)?.getChild('resource')).toBeUndefined();
  });

  it.each([['alice@example.test'], ['alice@elsewhere.test/desk'], [''], ['alice@example.test/']])('refuses the bound JID "%s"', async (jid) => {
    await expect(bindResource(boundTo(jid), 'desk', 'example.test')).rejects.toBeInstanceOf(SessionProtocolError);
  });

  it.each([
    ['the U-label form (how Prosody answers for an IDN virtual host)', 'alice@bücher.test/desk'],
    ['the A-label form', 'alice@xn--bcher-kva.test/desk'],
  ])('accepts our IDN domain in %s, and returns the canonical U-label JID', async (_form, bound) => {
    for (const ours of ['xn--bcher-kva.test', 'bücher.test']) {
      expect(await bindResource(boundTo(bound), 'desk', ours)).toBe('alice@bücher.test/desk');
    }
  });

  it('refuses a look-alike IDN domain', async () => {
    await expect(bindResource(boundTo('alice@bucher.test/desk'), 'desk', 'xn--bcher-kva.test')).rejects.toBeInstanceOf(SessionProtocolError);
  });

  it('refuses the IDNA2003 form of a deviation character (Prosody binds "strasse" for "straße": another domain)', async () => {
    await expect(bindResource(boundTo('alice@strasse.test/desk'), 'desk', 'xn--strae-oqa.test')).rejects.toBeInstanceOf(SessionProtocolError);
  });

  it('reports a refusal with its condition', async () => {
    const refuse = async () => {
      throw new StanzaError('not-allowed', 'cancel');
    };
    await expect(bindResource(refuse, 'desk', 'example.test')).rejects.toThrow(/not-allowed/);
  });
});

describe('sessionRequired', () => {
  const features = (...children: Element[]) => xml('stream:features', {}, xml('bind', { xmlns: NS_BIND }), ...children);
  it('is true only for a <session/> feature without <optional/>', () => {
    expect(sessionRequired(features(xml('session', { xmlns: NS_SESSION })))).toBe(true);
    expect(sessionRequired(features(xml('session', { xmlns: NS_SESSION }, xml('optional'))))).toBe(false);
    expect(sessionRequired(features())).toBe(false);
  });
});
