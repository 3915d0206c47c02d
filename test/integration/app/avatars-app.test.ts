/**
 * Avatars and nicknames through the app's services on a real Prosody with PEP and vCard conversion
 * (mod_vcard_legacy): Bob sets his picture in the app and Alice sees it, and the other way; Bob's older client sets it in his
 * vCard and Alice sees it too; a nickname shows; and a picture whose bytes do not hash to the id it was
 * announced by is never kept or shown. The other side, where the app cannot be made to misbehave, is a
 * plain session (raw-xmpp-client.ts).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../../../main/media/avatar-cache.js';
import { createAvatars } from '../../../main/xmpp/features/avatars/avatars.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { testPng } from '../../harness/test-png.js';
import { befriend, resourceOf, seesOnline } from './chat-friends.js';
import { chatSuite } from './chat-suite.js';
import { signIn, type ChatClient } from './chat-client.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const dataUrl = (bytes: Uint8Array) => `data:image/png;base64,${base64(bytes)}`;

const pubsubSet = (node: string, id: string, payload: ReturnType<typeof xml>) =>
  xml('iq', { type: 'set' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('publish', { node }, xml('item', { id }, payload))));

const metadata = (id: string, bytes: number) =>
  pubsubSet('urn:xmpp:avatar:metadata', id, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, xml('info', { id, bytes: String(bytes), type: 'image/png', width: '8', height: '8' })));

describe.runIf(available)('avatars and nicknames (XEP-0084, XEP-0153, XEP-0172)', () => {
  // Alice and Bob are mutual contacts from the start: PEP tells contacts who see our presence (XEP-0163 §4.3).
  const suite = chatSuite(
    async (world) => {
      const alice = await signIn(world, 'alice@valid.test', { resource: 'setup' });
      const bob = await signIn(world, 'bob@valid.test', { resource: 'setup' });
      try {
        await befriend(alice, bob);
      } finally {
        await Promise.all([alice.app.close(), bob.app.close()]);
      }
    },
    { modules: ['vcard_legacy'] },
  );

  /** Alice and Bob, both signed in to the app, each seeing the other online (so each has sent its caps). */
  async function friends(aliceResource: string, bobResource: string): Promise<{ alice: ChatClient; bob: ChatClient }> {
    const alice = await suite.open('alice@valid.test', aliceResource);
    const bob = await suite.open('bob@valid.test', bobResource);
    await Promise.all([seesOnline(alice, bob, resourceOf(bob.fullJid)), seesOnline(bob, alice, resourceOf(alice.fullJid))]);
    return { alice, bob };
  }

  const avatarOf = (client: ChatClient, jid: string) => client.call('getAvatar', { accountId: client.accountId, jid });

  it('Bob sets his picture in the app: published to PEP and his vCard, Alice sees it, kept owner-only by its hash', async () => {
    const { alice, bob } = await friends('desk', 'phone');
    const picture = testPng(16, 16, [200, 40, 40]);
    const aliceMark = alice.mark();
    const bobMark = bob.mark();

    await bob.call('setOwnAvatar', { accountId: bob.accountId, image: base64(picture) });

    // Bob's own picture shows at once in his app.
    await bob.next('avatarChanged', (e) => e.jid === bob.jid, { after: bobMark });
    expect(await avatarOf(bob, bob.jid)).toBe(dataUrl(picture));
    // Alice hears of it by PEP and fetches it.
    await alice.next('avatarChanged', (e) => e.accountId === alice.accountId && e.jid === bob.jid, { after: aliceMark });
    expect(await avatarOf(alice, bob.jid)).toBe(dataUrl(picture));
    const file = await stat(path.join(alice.app.dataDir, 'avatars', sha1Hex(picture)));
    expect(file.mode & 0o777).toBe(0o600);

    // Older clients read the vCard (XEP-0153): it carries the same picture.
    const reader = suite.track(await rawSession(suite.world, 'alice', 'old-client'));
    const fromVcard = await createAvatars({ link: reader.link, log: () => undefined }).fetchVcard(bob.jid);
    expect(fromVcard && sha1Hex(fromVcard)).toBe(sha1Hex(picture));

    // Removed: Alice's app falls back to initials.
    const removedMark = alice.mark();
    await bob.call('removeOwnAvatar', { accountId: bob.accountId });
    await alice.next('avatarChanged', (e) => e.jid === bob.jid, { after: removedMark });
    expect(await avatarOf(alice, bob.jid)).toBeNull();
  });

  it('the other way: Alice sets her picture in the app and Bob sees it', async () => {
    const { alice, bob } = await friends('laptop', 'tablet');
    const picture = testPng(10, 10, [30, 120, 200]);
    const mark = bob.mark();
    await alice.call('setOwnAvatar', { accountId: alice.accountId, image: base64(picture) });
    await bob.next('avatarChanged', (e) => e.accountId === bob.accountId && e.jid === alice.jid, { after: mark });
    expect(await avatarOf(bob, alice.jid)).toBe(dataUrl(picture));
    await alice.call('removeOwnAvatar', { accountId: alice.accountId });
  });

  it('Bob\'s older client sets his picture in his vCard only: Alice sees it', async () => {
    const { alice, bob: bobApp } = await friends('desk', 'app');
    const old = suite.track(await rawSession(suite.world, 'bob', 'old-client'));
    const picture = testPng(12, 12, [40, 160, 40], [40, 40, 160]);
    const mark = alice.mark();

    await old.link.request(xml('iq', { type: 'set' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Bob'), xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, base64(picture))))));
    // Its next presence carries the photo hash (XEP-0153 §3.2), the server adds it if the client does not.
    await old.link.send(xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' }, xml('photo', {}, sha1Hex(picture)))));

    await alice.next('avatarChanged', (e) => e.jid === bobApp.jid, { after: mark });
    expect(await avatarOf(alice, bobApp.jid)).toBe(dataUrl(picture));
  });

  it('shows Bob\'s nickname (XEP-0172) where the roster has no name', async () => {
    const { alice, bob } = await friends('desk', 'phone');
    const raw = suite.track(await rawSession(suite.world, 'bob', 'nick-client'));
    const mark = alice.mark();

    await raw.link.request(pubsubSet('http://jabber.org/protocol/nick', 'current', xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, '  Bobby  ')));

    const event = await alice.next('nicknameChanged', (e) => e.jid === bob.jid, { after: mark });
    expect(event.nick).toBe('Bobby');
    expect(await alice.call('listNicknames', { accountId: alice.accountId })).toContainEqual({ jid: bob.jid, nick: 'Bobby' });
  });

  it('a picture whose bytes do not hash to its announced id is never kept or shown; an honest one after it is', async () => {
    const { alice, bob } = await friends('desk', 'phone');
    const raw = suite.track(await rawSession(suite.world, 'bob', 'forger'));
    const claimed = testPng(8, 8, [10, 10, 10]);
    const sent = testPng(8, 8, [250, 250, 250]);
    const lie = sha1Hex(claimed);
    const mark = alice.mark();

    // Data that is a fine PNG, under the id of another picture.
    await raw.link.request(pubsubSet('urn:xmpp:avatar:data', lie, xml('data', { xmlns: 'urn:xmpp:avatar:data' }, base64(sent))));
    await raw.link.request(metadata(lie, sent.length));
    // Barrier: an honest picture announced after the lie. The lie's data was answered first on the same
    // stream, so by the time the honest one shows, the lie has been checked.
    const honest = testPng(8, 8, [90, 30, 160]);
    await raw.link.request(pubsubSet('urn:xmpp:avatar:data', sha1Hex(honest), xml('data', { xmlns: 'urn:xmpp:avatar:data' }, base64(honest))));
    await raw.link.request(metadata(sha1Hex(honest), honest.length));

    await alice.next('avatarChanged', (e) => e.jid === bob.jid, { after: mark });
    expect(await avatarOf(alice, bob.jid)).toBe(dataUrl(honest));
    await expect(stat(path.join(alice.app.dataDir, 'avatars', lie))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(alice.all('avatarChanged', mark).filter((e) => e.jid === bob.jid)).toHaveLength(1);
  });
});
