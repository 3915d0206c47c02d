import { describe, expect, it } from 'vitest';
import type { RoomConfig } from '../../../../../app/domain/rooms.js';
import { CONFIG_FIELD, configSubmit, offeredFields } from '../../../../../main/xmpp/features/rooms/room-config.js';
import { MAX_PUBLIC_ROOMS } from '../../../../../app/domain/rooms.js';
import { readPublicRooms } from '../../../../../main/xmpp/features/rooms/public-rooms.js';
import { onTheWire, parseStanza } from '../fake-link.js';

const OWNER = 'http://jabber.org/protocol/muc#owner';
const ITEMS = 'http://jabber.org/protocol/disco#items';
const form = (...vars: string[]) =>
  parseStanza(`<iq type='result' id='1'><query xmlns='${OWNER}'><x xmlns='jabber:x:data' type='form'>${vars.map((v) => `<field var='${v}' type='boolean'/>`).join('')}</x></query></iq>`);
const CONFIG: RoomConfig = { name: 'Team <one>', description: 'Plans', persistent: true, membersOnly: true, moderated: false, public: false, password: 's3cret' };

function submitted(stanza: ReturnType<typeof configSubmit>['stanza']): Record<string, string> {
  const x = onTheWire(stanza).getChild('query', OWNER)?.getChild('x', 'jabber:x:data');
  expect(x?.attrs.type).toBe('submit');
  return Object.fromEntries((x?.getChildren('field') ?? []).map((f) => [String(f.attrs.var), f.getChildText('value') ?? '']));
}

describe('the room configuration form', () => {
  it('fills every offered field with the chosen settings, the password switch too when offered', () => {
    const offered = offeredFields(form(...Object.values(CONFIG_FIELD), 'muc#roomconfig_passwordprotectedroom', 'muc#roomconfig_whois'));
    const { stanza, notApplied } = configSubmit('team@rooms.example.org', CONFIG, offered);
    expect(notApplied).toEqual([]);
    expect(stanza.attrs).toMatchObject({ type: 'set', to: 'team@rooms.example.org' });
    expect(submitted(stanza)).toEqual({
      FORM_TYPE: 'http://jabber.org/protocol/muc#roomconfig',
      'muc#roomconfig_roomname': 'Team <one>',
      'muc#roomconfig_roomdesc': 'Plans',
      'muc#roomconfig_persistentroom': '1',
      'muc#roomconfig_membersonly': '1',
      'muc#roomconfig_moderatedroom': '0',
      'muc#roomconfig_publicroom': '0',
      'muc#roomconfig_roomsecret': 's3cret',
      'muc#roomconfig_passwordprotectedroom': '1',
    });
  });

  it('reports the chosen settings the form does not offer instead of sending them', () => {
    const offered = offeredFields(form('muc#roomconfig_roomname', 'muc#roomconfig_publicroom'));
    const { stanza, notApplied } = configSubmit('team@rooms.example.org', CONFIG, offered);
    expect(notApplied).toEqual(['description', 'persistent', 'membersOnly', 'moderated', 'password']);
    expect(Object.keys(submitted(stanza))).toEqual(['FORM_TYPE', 'muc#roomconfig_roomname', 'muc#roomconfig_publicroom']);
  });

  it('says nothing of an empty name, description or password the form does not offer, and changes only what is given', () => {
    const { stanza, notApplied } = configSubmit('team@rooms.example.org', { name: null, password: null, membersOnly: true }, offeredFields(form('muc#roomconfig_membersonly')));
    expect(notApplied).toEqual([]);
    expect(submitted(stanza)).toEqual({ FORM_TYPE: 'http://jabber.org/protocol/muc#roomconfig', 'muc#roomconfig_membersonly': '1' });
  });

  it('reads no fields from an answer without a form', () => {
    expect(offeredFields(parseStanza(`<iq type='result' id='1'/>`)).size).toBe(0);
  });
});

describe('the public rooms a service lists', () => {
  const items = (inner: string) => parseStanza(`<iq type='result' id='1'><query xmlns='${ITEMS}'>${inner}</query></iq>`);

  it('keeps the rooms of that service, once each, with a clean name', () => {
    const answer = items(`
      <item jid='team@rooms.example.org' name='Team&#x9;  room'/><item jid='team@rooms.example.org' name='again'/>
      <item jid='quiet@rooms.example.org'/><item jid='evil@rooms.evil.example' name='elsewhere'/>
      <item jid='rooms.example.org'/><item jid='team@rooms.example.org/nick'/><item jid='not a jid'/>`);
    expect(readPublicRooms(answer, 'rooms.example.org')).toEqual([
      { room: 'team@rooms.example.org', name: 'Team   room' },
      { room: 'quiet@rooms.example.org', name: null },
    ]);
  });

  it(`reads at most ${MAX_PUBLIC_ROOMS} rooms`, () => {
    const many = Array.from({ length: MAX_PUBLIC_ROOMS + 50 }, (_, i) => `<item jid='r${i}@rooms.example.org'/>`).join('');
    expect(readPublicRooms(items(many), 'rooms.example.org')).toHaveLength(MAX_PUBLIC_ROOMS);
  });
});
