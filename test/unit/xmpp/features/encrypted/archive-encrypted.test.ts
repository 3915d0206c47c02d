/** issue 15: OMEMO. Encrypted archive results (archive-result.ts) are opened in order, or kept as not readable. */
import { describe, expect, it } from 'vitest';
import { createArchive } from '../../../../../main/xmpp/features/archive.js';
import { createDedupe } from '../../../../../main/xmpp/features/dedupe.js';
import type { Opened, OpenEncrypted } from '../../../../../main/xmpp/features/encrypted-part.js';
import { fin, result } from '../archive-stanzas.js';
import { counterIds, FakeLink, fixedClock } from '../fake-link.js';
import { deferred, encryptedChildren, fakeOpener, nextTurn, OMEMO_FALLBACK_BODY, SENDER_DEVICE } from './encrypted-stanzas.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';

function setup(openEncrypted?: OpenEncrypted) {
  const link = new FakeLink('alice@example.org/desk');
  const archive = createArchive({
    link,
    accountId: ACCOUNT,
    now: fixedClock().now,
    ids: counterIds('q'),
    log: () => undefined,
    dedupe: createDedupe(),
    ...(openEncrypted === undefined ? {} : { openEncrypted }),
  });
  return { link, archive };
}

const fromRomeo = (children: string) => `<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat'>${children}</message>`;

describe('an archive page with encrypted messages', () => {
  it('opens them in the order the results came, answering once every one is read, plaintext kept in its place', async () => {
    const slow = deferred<Opened>();
    const opener = fakeOpener((text) => (text === 'one' ? slow.promise : null));
    const { link, archive } = setup(opener.open);
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo(encryptedChildren('one'))));
    link.receive(result('q-1', 'A2', fromRomeo('<body>two</body>')));
    link.receive(result('q-1', 'A3', fromRomeo(encryptedChildren('three'))));
    link.lastRequest().result(fin(true, 'A1', 'A3'));
    await nextTurn();
    expect(opener.calls.map((c) => c.text)).toEqual(['one', 'three']);
    slow.resolve({ ok: true, body: 'one' });
    const page = await loading;
    expect(page.messages.map((m) => [m.archiveId, m.body, m.encryption ?? null])).toEqual([
      ['A1', 'one', { kind: 'omemo', device: SENDER_DEVICE }],
      ['A2', 'two', null],
      ['A3', 'three', { kind: 'omemo', device: SENDER_DEVICE }],
    ]);
  });

  it('keeps what cannot be opened as not readable, with an empty body; skips key transport; lists a refused one as malformed', async () => {
    const { link, archive } = setup(async () => ({ ok: false, reason: 'no-session' }));
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo(encryptedChildren('lost'))));
    link.receive(result('q-1', 'A2', fromRomeo(encryptedChildren(null))));
    link.receive(result('q-1', 'A3', fromRomeo(`<encrypted xmlns='eu.siacs.conversations.axolotl'/><body>${OMEMO_FALLBACK_BODY}</body>`)));
    link.lastRequest().result(fin(true, 'A1', 'A3'));
    const page = await loading;
    expect(page.messages.map((m) => [m.archiveId, m.body, m.encryption])).toEqual([
      ['A1', '', { kind: 'undecryptable', reason: 'no-session', device: SENDER_DEVICE }],
      ['A3', '', { kind: 'undecryptable', reason: 'malformed', device: null }],
    ]);
  });

  it('reads an encrypted correction (the <replace> in the clear, as Conversations sends it) as a change with the decrypted text', async () => {
    const opener = fakeOpener(() => null);
    const { link, archive } = setup(opener.open);
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo(`${encryptedChildren('fixed text')}<replace xmlns='urn:xmpp:message-correct:0' id='orig-1'/>`)));
    link.lastRequest().result(fin(true, 'A1', 'A1'));
    const page = await loading;
    expect(page.messages).toEqual([]);
    expect(page.changes?.map((c) => [c.change, c.message.encryption])).toEqual([[{ kind: 'correction', ref: 'orig-1', body: 'fixed text' }, { kind: 'omemo', device: SENDER_DEVICE }]]);
  });

  it('leaves out our own encrypted correction that was not encrypted for this device (it was applied where it was sent), not our other unreadable messages', async () => {
    const { link, archive } = setup(async () => ({ ok: false, reason: 'not-for-this-device' }));
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    const fromUs = (children: string) => `<message xmlns='jabber:client' from='alice@example.org/desk' to='romeo@example.net' type='chat'>${children}</message>`;
    link.receive(result('q-1', 'A1', fromUs(`${encryptedChildren('fixed text')}<replace xmlns='urn:xmpp:message-correct:0' id='orig-1'/>`)));
    link.receive(result('q-1', 'A2', fromUs(encryptedChildren('from our other device'))));
    link.receive(result('q-1', 'A3', fromRomeo(`${encryptedChildren('their fix')}<replace xmlns='urn:xmpp:message-correct:0' id='orig-2'/>`)));
    link.lastRequest().result(fin(true, 'A1', 'A3'));
    const page = await loading;
    expect(page.messages.map((m) => [m.archiveId, m.direction, m.encryption?.kind])).toEqual([
      ['A2', 'out', 'undecryptable'],
      ['A3', 'in', 'undecryptable'],
    ]);
  });

  it('keeps them as not readable when no OMEMO is set up (the account-wide catch-up too)', async () => {
    const { link, archive } = setup();
    const catching = archive.catchUp({ after: null, max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo(encryptedChildren('secret'))));
    link.lastRequest().result(fin(true, 'A1'));
    const page = await catching;
    expect(page.messages.map((m) => [m.body, m.encryption])).toEqual([['', { kind: 'undecryptable', reason: 'not-set-up', device: SENDER_DEVICE }]]);
  });
});
