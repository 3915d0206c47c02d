import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ContactPresence, ResourcePresence } from '../../../../app/domain/chat.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createPresence, MAX_RESOURCES_PER_CONTACT } from '../../../../main/xmpp/features/presence.js';
import { FakeLink } from './fake-link.js';

function setup(extensions?: () => ReturnType<typeof xml>[]) {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const presence = createPresence({ link, log: (entry) => logged.push(entry), ...(extensions ? { extensions } : {}) });
  const contactEvents: ContactPresence[] = [];
  const ownEvents: (readonly ResourcePresence[])[] = [];
  presence.on('contact', (c) => contactEvents.push(c));
  presence.on('ownResources', (r) => ownEvents.push(r));
  return { link, presence, logged, contactEvents, ownEvents };
}

describe('our own presence', () => {
  it('sends initial presence with show, status and priority as RFC 6121 §4.7.2 elements', async () => {
    const { link, presence } = setup();
    await presence.announce({ show: 'away', status: 'At <lunch> & back soon', priority: 5 });
    const sent = link.lastSent();
    expect(sent.name).toBe('presence');
    expect(sent.attrs.type).toBeUndefined();
    expect(sent.attrs.to).toBeUndefined();
    expect(sent.getChildText('show')).toBe('away');
    expect(sent.getChildText('status')).toBe('At <lunch> & back soon');
    expect(sent.getChildText('priority')).toBe('5');
    expect(presence.own()).toEqual({ show: 'away', status: 'At <lunch> & back soon', priority: 5 });
  });

  it('leaves <show/> out for plain "online" and <status/> out when there is none', async () => {
    const { link, presence } = setup();
    await presence.announce({ show: 'online', status: null, priority: 0 });
    expect(link.lastSent().getChildElements().map((e) => e.name)).toEqual(['priority']);
  });

  it('attaches the extensions it is given (the caps element) to every presence', async () => {
    const { link, presence } = setup(() => [xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'n', ver: 'v' })]);
    await presence.announce({ show: 'dnd', status: null, priority: -1 });
    expect(link.lastSent().getChild('c', 'http://jabber.org/protocol/caps')?.attrs.ver).toBe('v');
  });

  it('refuses a priority outside -128..127', async () => {
    const { link, presence } = setup();
    await expect(presence.announce({ show: 'online', status: null, priority: 128 })).rejects.toThrow(RangeError);
    await expect(presence.announce({ show: 'online', status: null, priority: 1.5 })).rejects.toThrow(RangeError);
    expect(link.sent).toEqual([]);
  });

  it('sends unavailable presence', async () => {
    const { link, presence } = setup();
    await presence.announce({ show: 'online', status: null, priority: 0 });
    await presence.unavailable('bye');
    expect(link.lastSent().attrs.type).toBe('unavailable');
    expect(link.lastSent().getChildText('status')).toBe('bye');
    expect(presence.own()).toBeNull();
  });
});

describe('contacts presence', () => {
  it('tracks each resource with show, status and priority, highest priority first', () => {
    const { link, presence, contactEvents } = setup();
    link.receive(`<presence from='romeo@example.net/orchard'><show>xa</show><status>down in the orchard</status><priority>1</priority></presence>`);
    link.receive(`<presence from='romeo@example.net/phone'><priority>10</priority></presence>`);
    expect(presence.contact('romeo@example.net')).toEqual({
      jid: 'romeo@example.net',
      resources: [
        { resource: 'phone', show: 'online', status: null, priority: 10 },
        { resource: 'orchard', show: 'xa', status: 'down in the orchard', priority: 1 },
      ],
    });
    expect(contactEvents).toHaveLength(2);
    expect(presence.online().map((c) => c.jid)).toEqual(['romeo@example.net']);
  });

  it('drops a resource on unavailable, and every resource on unavailable from the bare JID', () => {
    const { link, presence, contactEvents } = setup();
    link.receive(`<presence from='romeo@example.net/orchard'/><presence from='romeo@example.net/phone'/>`);
    link.receive(`<presence from='romeo@example.net/orchard' type='unavailable'/>`);
    expect(presence.contact('romeo@example.net').resources.map((r) => r.resource)).toEqual(['phone']);
    link.receive(`<presence from='romeo@example.net' type='unavailable'/>`);
    expect(presence.contact('romeo@example.net')).toEqual({ jid: 'romeo@example.net', resources: [] });
    expect(contactEvents.at(-1)).toEqual({ jid: 'romeo@example.net', resources: [] });
    expect(presence.online()).toEqual([]);
  });

  it('treats a presence error from a contact as the contact being offline', () => {
    const { link, presence } = setup();
    link.receive(`<presence from='romeo@example.net/orchard'/>`);
    link.receive(`<presence from='romeo@example.net/orchard' type='error'><error type='cancel'><gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    expect(presence.contact('romeo@example.net').resources).toEqual([]);
  });

  it('keeps our own other devices apart from contacts and ignores our own reflected presence', () => {
    const { link, presence, ownEvents, contactEvents } = setup();
    link.receive(`<presence from='alice@example.org/desk'><show>chat</show></presence>`);
    link.receive(`<presence from='alice@example.org/phone'><show>away</show></presence>`);
    expect(presence.ownResources()).toEqual([{ resource: 'phone', show: 'away', status: null, priority: 0 }]);
    expect(ownEvents).toHaveLength(1);
    expect(presence.online()).toEqual([]);
    expect(contactEvents).toEqual([]);
  });

  it('leaves subscription requests and probes to other modules', () => {
    const { link, presence, contactEvents } = setup();
    link.receive(`<presence from='romeo@example.net' type='subscribe'/><presence from='romeo@example.net' type='probe'/>`);
    expect(contactEvents).toEqual([]);
    expect(presence.online()).toEqual([]);
  });

  it('reads hostile values safely: unknown show is available, bad priority is 0, markup stays text', () => {
    const { link, presence } = setup();
    link.receive(`<presence from='m@example.net/a'><show>sleeping</show><priority>9999</priority><status>&lt;img src=x onerror=alert(1)&gt;</status></presence>`);
    link.receive(`<presence from='m@example.net/b'><priority>high</priority><show xmlns='urn:other'>dnd</show></presence>`);
    expect(presence.contact('m@example.net').resources).toEqual([
      { resource: 'a', show: 'online', status: '<img src=x onerror=alert(1)>', priority: 0 },
      { resource: 'b', show: 'online', status: null, priority: 0 },
    ]);
  });

  it('ignores presence without a usable from, and groupchat presence', () => {
    const { link, presence, logged } = setup();
    link.receive(`<presence/><presence from='bad@@example.net/x'/>`);
    link.receive(`<presence from='room@muc.example.net/nick'><x xmlns='http://jabber.org/protocol/muc#user'/></presence>`);
    expect(presence.online()).toEqual([]);
    expect(logged.map((l) => l.reason)).toEqual(['presence without from', 'presence with a malformed from', 'groupchat presence ignored']);
  });

  it(`tracks at most ${MAX_RESOURCES_PER_CONTACT} resources per account`, () => {
    const { link, presence, logged } = setup();
    const flood = Array.from({ length: MAX_RESOURCES_PER_CONTACT + 5 }, (_, i) => `<presence from='flood@example.net/r${i}'/>`).join('');
    link.receive(flood);
    expect(presence.contact('flood@example.net').resources).toHaveLength(MAX_RESOURCES_PER_CONTACT);
    expect(logged).toHaveLength(5);
  });

  it('marks everyone offline on reset', () => {
    const { link, presence, contactEvents } = setup();
    link.receive(`<presence from='romeo@example.net/orchard'/><presence from='juliet@example.net/balcony'/>`);
    contactEvents.length = 0;
    presence.reset();
    expect(contactEvents).toEqual([
      { jid: 'romeo@example.net', resources: [] },
      { jid: 'juliet@example.net', resources: [] },
    ]);
    expect(presence.online()).toEqual([]);
  });

  it('does not let a throwing listener break the session', () => {
    const { link, presence, logged } = setup();
    presence.on('contact', () => {
      throw new Error('listener bug');
    });
    expect(() => link.receive(`<presence from='romeo@example.net/orchard'/>`)).not.toThrow();
    expect(presence.contact('romeo@example.net').resources).toHaveLength(1);
    expect(logged.some((l) => l.reason.includes('listener bug'))).toBe(true);
  });

  it('stops listening after dispose', () => {
    const { link, presence } = setup();
    presence.dispose();
    expect(link.listenerCount()).toBe(0);
  });
});
