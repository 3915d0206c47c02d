import { describe, expect, it } from 'vitest';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { MAX_SERVICES_ASKED } from '../../../../../main/xmpp/features/own-services.js';
import { discoverRoomServices } from '../../../../../main/xmpp/features/rooms/room-service.js';
import { StanzaError } from '../../../../../main/xmpp/link.js';
import { FakeLink, settle } from '../fake-link.js';

const ITEMS = 'http://jabber.org/protocol/disco#items';
const INFO = 'http://jabber.org/protocol/disco#info';

const info = (id: string, identity: string, feature = "<feature var='http://jabber.org/protocol/muc'/>") =>
  `<iq type='result' id='${id}'><query xmlns='${INFO}'>${identity}${feature}</query></iq>`;
const conference = "<identity category='conference' type='text' name='Rooms'/>";

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  return { link, logged, found: discoverRoomServices({ link, log: (entry) => logged.push(entry) }) };
}

describe('finding the room service', () => {
  it("asks our server for its services, and each service on our domain what it is", async () => {
    const { link, found } = setup();
    const items = link.lastRequest();
    expect(items.iq.attrs).toMatchObject({ type: 'get', to: 'example.org' });
    expect(items.iq.getChild('query', ITEMS)).toBeDefined();
    items.result(
      `<iq type='result' id='${items.iq.attrs.id}'><query xmlns='${ITEMS}'>
        <item jid='rooms.example.org'/><item jid='upload.example.org'/><item jid='example.org'/>
        <item jid='rooms.evil.example'/><item jid='notexample.org'/><item jid='user@example.org'/><item jid='rooms.example.org/x'/>
      </query></iq>`,
    );
    await settle();
    expect(link.requests.slice(1).map((r) => r.iq.attrs.to)).toEqual(['rooms.example.org', 'upload.example.org', 'example.org']);
    const [rooms, upload, server] = link.requests.slice(1);
    rooms?.result(info(String(rooms.iq.attrs.id), conference));
    upload?.result(info(String(upload.iq.attrs.id), "<identity category='store' type='file'/>", ''));
    server?.result(info(String(server.iq.attrs.id), "<identity category='server' type='im'/>"));
    expect(await found).toEqual(['rooms.example.org']);
  });

  it('needs both the conference/text identity and the muc feature, and survives a service that does not answer', async () => {
    const { link, found, logged } = setup();
    const items = link.lastRequest();
    items.result(`<iq type='result' id='${items.iq.attrs.id}'><query xmlns='${ITEMS}'><item jid='a.example.org'/><item jid='b.example.org'/><item jid='c.example.org'/></query></iq>`);
    await settle();
    const [a, b, c] = link.requests.slice(1);
    a?.result(info(String(a.iq.attrs.id), conference, ''));
    b?.result(info(String(b.iq.attrs.id), "<identity category='conference' type='irc'/>"));
    c?.fail(new StanzaError('service-unavailable', 'cancel'));
    expect(await found).toEqual([]);
    expect(logged.map((l) => l.from)).toEqual(['c.example.org']);
  });

  it(`asks at most ${MAX_SERVICES_ASKED} services`, async () => {
    const { link, found } = setup();
    const items = link.lastRequest();
    const many = Array.from({ length: 100 }, (_, i) => `<item jid='s${i}.example.org'/>`).join('');
    items.result(`<iq type='result' id='${items.iq.attrs.id}'><query xmlns='${ITEMS}'>${many}</query></iq>`);
    await settle();
    expect(link.requests).toHaveLength(1 + MAX_SERVICES_ASKED);
    for (const request of link.requests.slice(1)) request.result(info(String(request.iq.attrs.id), conference));
    expect(await found).toHaveLength(MAX_SERVICES_ASKED);
  });
});
