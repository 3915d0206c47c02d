import { describe, expect, it } from 'vitest';
import { joinErrorOf, suggestNick } from '../../../../../main/xmpp/features/rooms/join-error.js';
import { MAX_REASON_CHARS, readMucUser } from '../../../../../main/xmpp/features/rooms/muc-user.js';
import { arrivalEvent, departureEvent } from '../../../../../main/xmpp/features/rooms/occupant-events.js';
import { classifyRoomMessage, MAX_SUBJECT_CHARS } from '../../../../../main/xmpp/features/rooms/room-message.js';
import { parseRoomPresence, type RoomPresence } from '../../../../../main/xmpp/features/rooms/room-presence.js';
import { parseStanza } from '../fake-link.js';

const ROOM = 'lobby@rooms.example.org';
const MUC_USER = 'http://jabber.org/protocol/muc#user';

function presence(text: string): RoomPresence {
  const parsed = parseRoomPresence(parseStanza(text));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.presence;
}

describe('the muc#user element', () => {
  it('reads status codes, role, affiliation, real address and reason', () => {
    const x = readMucUser(
      parseStanza(`<presence from='${ROOM}/Bob'><x xmlns='${MUC_USER}'>
        <item affiliation='member' role='participant' jid='Bob@Example.org/phone'><reason> spam </reason></item>
        <status code='110'/><status code='100'/></x></presence>`),
    );
    expect(x).toEqual({ statuses: new Set([110, 100]), item: { role: 'participant', affiliation: 'member', realJid: 'bob@example.org', nick: null, reason: 'spam' } });
  });

  it('turns unknown roles and affiliations into none, and ignores malformed status codes and addresses', () => {
    const x = readMucUser(
      parseStanza(`<presence from='${ROOM}/Bob'><x xmlns='${MUC_USER}'>
        <item affiliation='god' role='constructor' jid='not a jid@@'/>
        <status code='11'/><status code='abc'/><status code='1100'/><status code='307'/></x></presence>`),
    );
    expect(x).toEqual({ statuses: new Set([307]), item: { role: 'none', affiliation: 'none', realJid: null, nick: null, reason: null } });
  });

  it('believes no item when there are several, keeps at most 16 status codes, and cuts long reasons', () => {
    const statuses = Array.from({ length: 50 }, (_, i) => `<status code='${100 + i}'/>`).join('');
    const x = readMucUser(
      parseStanza(`<presence from='${ROOM}/Bob'><x xmlns='${MUC_USER}'><item role='moderator'/><item role='visitor'/>${statuses}</x></presence>`),
    );
    expect(x?.item).toBeNull();
    expect(x?.statuses.size).toBe(16);
    const long = readMucUser(parseStanza(`<presence from='${ROOM}/Bob'><x xmlns='${MUC_USER}'><item role='none'><reason>${'r'.repeat(5000)}</reason></item></x></presence>`));
    expect(long?.item?.reason).toHaveLength(MAX_REASON_CHARS);
  });

  it('is not found in another namespace, and not when there are two', () => {
    expect(readMucUser(parseStanza(`<presence from='${ROOM}/Bob'><x xmlns='urn:other'><status code='110'/></x></presence>`))).toBeNull();
    expect(readMucUser(parseStanza(`<presence from='${ROOM}/Bob'><x xmlns='${MUC_USER}'/><x xmlns='${MUC_USER}'/></presence>`))).toBeNull();
  });
});

describe('occupant presence', () => {
  it('reads an arrival, an error and a nickname change', () => {
    expect(presence(`<presence from='${ROOM}/Bob'><x xmlns='${MUC_USER}'><item affiliation='none' role='participant'/></x></presence>`)).toMatchObject({
      kind: 'available',
      room: ROOM,
      occupant: { nick: 'Bob', role: 'participant', affiliation: 'none', realJid: null },
    });
    expect(presence(`<presence from='${ROOM}/Bob' type='error'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`)).toMatchObject({
      kind: 'error',
      nick: 'Bob',
      error: { condition: 'conflict' },
    });
    expect(
      presence(`<presence from='${ROOM}/Bob' type='unavailable'><x xmlns='${MUC_USER}'><item affiliation='none' role='participant' nick='Robert'/><status code='303'/></x></presence>`),
    ).toMatchObject({ kind: 'unavailable', newNick: 'Robert', occupant: { nick: 'Bob', role: 'none' } });
  });

  it('refuses presence without a room, without a nickname, without muc#user, or a nickname change to nothing', () => {
    const reasons = [
      `<presence from='rooms.example.org/Bob'><x xmlns='${MUC_USER}'/></presence>`,
      `<presence from='${ROOM}'><x xmlns='${MUC_USER}'/></presence>`,
      `<presence from='${ROOM}/Bob'/>`,
      `<presence from='${ROOM}/Bob' type='unavailable'><x xmlns='${MUC_USER}'><item nick='&#9;'/><status code='303'/></x></presence>`,
      `<presence from='${ROOM}/Bob' type='subscribe'><x xmlns='${MUC_USER}'/></presence>`,
    ].map((text) => {
      const parsed = parseRoomPresence(parseStanza(text));
      return parsed.ok ? 'accepted' : parsed.reason;
    });
    expect(reasons).toEqual([
      'room presence without a room address',
      'room presence without a usable nickname',
      'room presence without its muc#user element',
      'nickname change without a usable new nickname',
      'room presence of type subscribe',
    ]);
  });
});

describe('what happens to occupants, in plain words', () => {
  const leaving = (statuses: string, reason = '') =>
    presence(`<presence from='${ROOM}/Carol' type='unavailable'><x xmlns='${MUC_USER}'><item affiliation='none' role='none'>${reason}</item>${statuses}</x></presence>`);
  const unavailable = (p: RoomPresence) => {
    if (p.kind !== 'unavailable') throw new Error('expected unavailable');
    return p;
  };

  it('says who left, was kicked (307), banned (301) or removed (321, 322, 332)', () => {
    const text = (statuses: string, self = false, reason = '') => departureEvent(unavailable(leaving(statuses, reason)), undefined, self).text;
    expect(text('')).toBe('Carol left the room.');
    expect(text('', true)).toBe('You left the room.');
    expect(text("<status code='307'/>", false, '<reason>Too loud</reason>')).toBe('Carol was removed from the room by a moderator. Reason: "Too loud"');
    expect(text("<status code='307'/><status code='110'/>", true)).toBe('You were removed from the room by a moderator.');
    expect(text("<status code='301'/>")).toBe('Carol was banned from the room.');
    expect(text("<status code='321'/>")).toBe('Carol was removed from the room because of a change of membership.');
    expect(text("<status code='322'/>")).toBe('Carol was removed from the room because the room is now for members only.');
    expect(text("<status code='332'/>", true)).toBe('You were removed from the room because the room service is shutting down.');
    expect(departureEvent(unavailable(leaving("<status code='301'/>")), undefined, false).kind).toBe('banned');
  });

  it('says a new role or affiliation, and nothing for a mere status change', () => {
    const before = { nick: 'Carol', role: 'participant', affiliation: 'none', realJid: null } as const;
    const arrival = (role: string, affiliation: string) => {
      const p = presence(`<presence from='${ROOM}/Carol'><x xmlns='${MUC_USER}'><item affiliation='${affiliation}' role='${role}'/></x></presence>`);
      if (p.kind !== 'available') throw new Error('expected available');
      return p;
    };
    expect(arrivalEvent(arrival('moderator', 'none'), before, false)?.text).toBe('Carol can now moderate the room.');
    expect(arrivalEvent(arrival('visitor', 'none'), before, true)?.text).toBe('You can now only read the room.');
    expect(arrivalEvent(arrival('participant', 'member'), before, false)?.text).toBe('Carol is now a member of the room.');
    expect(arrivalEvent(arrival('participant', 'admin'), before, true)?.text).toBe('You are now an admin of the room.');
    expect(arrivalEvent(arrival('participant', 'none'), before, false)).toBeNull();
    expect(arrivalEvent(arrival('participant', 'none'), undefined, false)?.text).toBe('Carol joined the room.');
  });
});

describe('join errors', () => {
  it('maps each refusal to its kind, and quotes the room when it explains', () => {
    const kind = (condition: string) => joinErrorOf({ condition, text: null }, 'Bob').kind;
    expect(['conflict', 'not-authorized', 'registration-required', 'forbidden', 'item-not-found', 'not-allowed', 'service-unavailable', 'constructor'].map(kind)).toEqual([
      'nickname-conflict',
      'password-required',
      'members-only',
      'banned',
      'room-not-found',
      'not-allowed',
      'room-full',
      'refused',
    ]);
    expect(joinErrorOf({ condition: 'forbidden', text: 'Go away' }, 'Bob')).toEqual({ kind: 'banned', text: 'You are banned from this room. The room said: "Go away"', suggestedNick: null });
    expect(joinErrorOf({ condition: 'conflict', text: null }, 'Bob').suggestedNick).toBe('Bob2');
  });

  it('suggests the same nickname with the next number', () => {
    expect(suggestNick('bob')).toBe('bob2');
    expect(suggestNick('bob2')).toBe('bob3');
    expect(suggestNick('r2d2')).toBe('r2d3');
    expect(suggestNick('42')).toBe('422');
    expect(suggestNick('x99999999999999999999')).toBe('x100000000000000000000');
  });
});

describe('messages from a room', () => {
  const classify = (text: string) => classifyRoomMessage(parseStanza(text), ROOM);

  it('sorts room messages, subjects, private messages and error replies', () => {
    expect(
      classify(`<message from='${ROOM}/Bob' type='groupchat' id='m1'><body>hi</body><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='A1'/><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>`),
    ).toMatchObject({ kind: 'groupchat', nick: 'Bob', message: { body: 'hi', ourStanzaId: 'A1', originId: 'o1' } });
    expect(classify(`<message from='${ROOM}/Bob' type='groupchat'><subject>Plans</subject></message>`)).toEqual({ kind: 'subject', subject: 'Plans', by: 'Bob' });
    expect(classify(`<message from='${ROOM}' type='groupchat'><subject/></message>`)).toEqual({ kind: 'subject', subject: '', by: null });
    expect(classify(`<message from='${ROOM}/Bob' type='chat'><body>psst</body><x xmlns='${MUC_USER}'/></message>`)).toMatchObject({ kind: 'private', nick: 'Bob' });
    expect(classify(`<message from='${ROOM}' type='error' id='m9'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`)).toMatchObject({ kind: 'error' });
  });

  it("believes only the room's own stanza-id, and cuts a long subject", () => {
    const forged = classify(`<message from='${ROOM}/Bob' type='groupchat'><body>hi</body><stanza-id xmlns='urn:xmpp:sid:0' by='other@rooms.example.org' id='F'/></message>`);
    expect(forged.kind === 'groupchat' && forged.message.ourStanzaId).toBeNull();
    const twice = classify(
      `<message from='${ROOM}/Bob' type='groupchat'><body>hi</body><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='A'/><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='B'/></message>`,
    );
    expect(twice.kind === 'groupchat' && twice.message.ourStanzaId).toBeNull();
    const long = classify(`<message from='${ROOM}/Bob' type='groupchat'><subject>${'s'.repeat(5000)}</subject></message>`);
    expect(long.kind === 'subject' && long.subject.length).toBe(MAX_SUBJECT_CHARS);
  });

  it('ignores notices from the room itself, bodiless messages, other rooms and headlines', () => {
    const reasons = [
      `<message from='${ROOM}' type='groupchat'><body>config changed</body></message>`,
      `<message from='${ROOM}/Bob' type='groupchat'/>`,
      `<message from='other@rooms.example.org/Bob' type='groupchat'><body>hi</body></message>`,
      `<message from='${ROOM}/Bob' type='headline'><body>news</body></message>`,
      `<message from='${ROOM}' type='normal'><body>invite</body></message>`,
    ].map((text) => {
      const sorted = classify(text);
      return sorted.kind === 'ignored' ? sorted.reason : sorted.kind;
    });
    expect(reasons).toEqual([
      'room notice ignored',
      'room message without a body',
      'message from outside the room',
      'headline message from a room ignored',
      'a direct message from the room itself',
    ]);
  });
});
