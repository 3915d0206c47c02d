/**
 * Whether our server keeps a message archive (archive-support.ts): a disco#info to our own account, read for
 * urn:xmpp:mam:2. Listed: true; an answer without it: false; no usable answer: null (not known, so the app
 * neither claims there is no archive nor stops asking it).
 */
import { describe, expect, it } from 'vitest';
import { serverKeepsArchive } from '../../../../main/xmpp/features/archive-support.js';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { FakeLink, settle } from './fake-link.js';

async function ask(answer: (link: FakeLink) => void): Promise<{ result: boolean | null; link: FakeLink }> {
  const link = new FakeLink('alice@example.org/desk');
  const pending = serverKeepsArchive(link);
  await settle();
  answer(link);
  return { result: await pending, link };
}

const info = (id: string, features: string[]) =>
  `<iq type='result' id='${id}' from='alice@example.org'><query xmlns='http://jabber.org/protocol/disco#info'>` +
  `<identity category='account' type='registered'/>${features.map((f) => `<feature var='${f}'/>`).join('')}</query></iq>`;

describe('asking whether the server keeps an archive', () => {
  it('asks disco#info of our own account (no `to`), and a listed urn:xmpp:mam:2 means yes', async () => {
    const { result, link } = await ask((l) => l.requests[0]!.result(info(String(l.requests[0]!.iq.attrs.id), ['urn:xmpp:mam:2', 'urn:xmpp:sid:0'])));
    expect(result).toBe(true);
    const iq = link.requests[0]!.iq;
    expect(iq.attrs.type).toBe('get');
    expect(iq.attrs.to).toBeUndefined();
    expect(iq.getChild('query', 'http://jabber.org/protocol/disco#info')).toBeDefined();
  });

  it('an answer without it (or with only an older MAM version) means no', async () => {
    const { result } = await ask((l) => l.requests[0]!.result(info(String(l.requests[0]!.iq.attrs.id), ['urn:xmpp:mam:1', 'http://jabber.org/protocol/pubsub'])));
    expect(result).toBe(false);
  });

  it('an error or an answer without a disco#info query means not known', async () => {
    expect((await ask((l) => l.requests[0]!.fail(new StanzaError('service-unavailable', 'cancel')))).result).toBeNull();
    expect((await ask((l) => l.requests[0]!.result(`<iq type='result' id='${String(l.requests[0]!.iq.attrs.id)}'/>`))).result).toBeNull();
  });
});
