import { describe, expect, it } from 'vitest';
import { MAX_AVATAR_BYTES } from '../../../../../app/domain/avatars.js';
import { decodePicture, readMetadataNotice, readNickNotice, readPresencePhoto } from '../../../../../main/xmpp/features/avatars/avatar-notices.js';
import { parseStanza } from '../fake-link.js';

const H1 = 'a'.repeat(40);
const H2 = 'b'.repeat(40);

const event = (node: string, inner: string, from = 'bob@example.org') =>
  parseStanza(`<message from='${from}' to='alice@example.org/desk'><event xmlns='http://jabber.org/protocol/pubsub#event'>${inner.replace('NODE', node)}</event></message>`);

const metadata = (infos: string) =>
  event('urn:xmpp:avatar:metadata', `<items node='NODE'><item id='x'><metadata xmlns='urn:xmpp:avatar:metadata'>${infos}</metadata></item></items>`);

describe('avatar metadata notifications (XEP-0084 §4.2)', () => {
  it('takes the PNG entry, from the sender\'s bare address', () => {
    const notice = readMetadataNotice(
      metadata(`<info id='${H2}' bytes='10' type='image/jpeg'/><info id='${H1.toUpperCase()}' bytes='10' type='image/png'/>`),
    );
    expect(notice).toEqual({ jid: 'bob@example.org', hash: H1 });
    expect(readMetadataNotice(event('urn:xmpp:avatar:metadata', `<items node='NODE'><item id='x'><metadata xmlns='urn:xmpp:avatar:metadata'><info id='${H1}' bytes='1' type='image/png'/></metadata></item></items>`, 'bob@example.org/phone'))).toEqual({ jid: 'bob@example.org', hash: H1 });
  });

  it('an empty metadata element, a retraction or a purged node means "no avatar"', () => {
    expect(readMetadataNotice(metadata(''))).toEqual({ jid: 'bob@example.org', hash: null });
    expect(readMetadataNotice(event('urn:xmpp:avatar:metadata', `<items node='NODE'><retract id='${H1}'/></items>`))).toEqual({ jid: 'bob@example.org', hash: null });
    expect(readMetadataNotice(event('urn:xmpp:avatar:metadata', `<purge node='NODE'/>`))).toEqual({ jid: 'bob@example.org', hash: null });
  });

  it('gives no usable avatar for a picture hosted elsewhere, too big, or with an id that is not a SHA-1', () => {
    expect(readMetadataNotice(metadata(`<info id='${H1}' bytes='10' type='image/png' url='https://example.org/a.png'/>`))).toBeUndefined();
    expect(readMetadataNotice(metadata(`<info id='${H1}' bytes='${MAX_AVATAR_BYTES + 1}' type='image/png'/>`))).toBeUndefined();
    expect(readMetadataNotice(metadata(`<info id='../../etc/passwd' bytes='10' type='image/png'/>`))).toBeUndefined();
  });

  it('leaves other nodes and unaddressed stanzas alone', () => {
    expect(readMetadataNotice(event('urn:xmpp:bookmarks:1', `<items node='NODE'/>`))).toBeNull();
    expect(readMetadataNotice(parseStanza(`<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:avatar:metadata'/></event></message>`))).toBeNull();
  });
});

describe('photo hashes in presence (XEP-0153 §3.2)', () => {
  const presence = (x: string, extra = '') => parseStanza(`<presence from='bob@example.org/phone'${extra}>${x}</presence>`);
  it('reads a hash, and an empty photo as "no avatar"', () => {
    expect(readPresencePhoto(presence(`<x xmlns='vcard-temp:x:update'><photo> ${H1} </photo></x>`))).toEqual({ jid: 'bob@example.org', hash: H1 });
    expect(readPresencePhoto(presence(`<x xmlns='vcard-temp:x:update'><photo/></x>`))).toEqual({ jid: 'bob@example.org', hash: null });
  });
  it('says nothing for no element, no photo ("not ready"), junk, or unavailable presence', () => {
    expect(readPresencePhoto(presence(''))).toBeUndefined();
    expect(readPresencePhoto(presence(`<x xmlns='vcard-temp:x:update'/>`))).toBeUndefined();
    expect(readPresencePhoto(presence(`<x xmlns='vcard-temp:x:update'><photo>not-a-hash</photo></x>`))).toBeUndefined();
    expect(readPresencePhoto(presence(`<x xmlns='vcard-temp:x:update'><photo>${H1}</photo></x>`, " type='unavailable'"))).toBeUndefined();
  });
});

describe('nicknames (XEP-0172)', () => {
  const nick = (text: string) => event('http://jabber.org/protocol/nick', `<items node='NODE'><item id='current'><nick xmlns='http://jabber.org/protocol/nick'>${text}</nick></item></items>`);
  it('trims and bounds the nickname; an empty one is removed', () => {
    expect(readNickNotice(nick('  Bobby '))).toEqual({ jid: 'bob@example.org', nick: 'Bobby' });
    expect(readNickNotice(nick('x'.repeat(500)))?.nick).toHaveLength(100);
    expect(readNickNotice(nick(''))).toEqual({ jid: 'bob@example.org', nick: null });
  });
});

describe('picture bytes in base64', () => {
  it('accepts the folded lines vCards use, refuses junk and what is too long', () => {
    expect(decodePicture('aGVs\n bG8=')).toEqual(new TextEncoder().encode('hello'));
    expect(decodePicture('not base64!')).toBeNull();
    expect(decodePicture('A'.repeat(Math.ceil(MAX_AVATAR_BYTES / 3) * 4 + 4))).toBeNull();
  });
});
