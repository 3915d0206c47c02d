import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { MAX_ROOM_NAME_CHARS } from '../../../../../app/domain/rooms.js';
import { readRoomName, roomNameText } from '../../../../../main/xmpp/features/rooms/room-info.js';

const DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const answer = (...identities: Array<Record<string, string>>) =>
  xml('iq', { type: 'result' }, xml('query', { xmlns: DISCO_INFO }, ...identities.map((a) => xml('identity', a)), xml('feature', { var: 'http://jabber.org/protocol/muc' })));

describe("a room's own name (disco#info)", () => {
  it("reads the conference identity's name", () => {
    expect(readRoomName(answer({ category: 'conference', type: 'text', name: 'Hostproof developers' }))).toBe('Hostproof developers');
  });

  it('has none without a conference identity, a name, or a query', () => {
    expect(readRoomName(answer({ category: 'conference', type: 'text' }))).toBeNull();
    expect(readRoomName(answer({ category: 'client', type: 'pc', name: 'Not a room' }))).toBeNull();
    expect(readRoomName(answer({ category: 'conference', type: 'text', name: '  \u0007 ' }))).toBeNull();
    expect(readRoomName(xml('iq', { type: 'result' }))).toBeNull();
  });

  it('takes the conference identity among others, and makes network text fit to show', () => {
    expect(readRoomName(answer({ category: 'directory', type: 'chatroom', name: 'Other' }, { category: 'conference', type: 'text', name: 'Line\none\tRoom' }))).toBe(
      'Line one Room',
    );
    expect(roomNameText('x'.repeat(MAX_ROOM_NAME_CHARS + 50))).toHaveLength(MAX_ROOM_NAME_CHARS);
    expect(roomNameText('<b>markup</b> stays text')).toBe('<b>markup</b> stays text');
    expect(roomNameText(null)).toBeNull();
  });
});
