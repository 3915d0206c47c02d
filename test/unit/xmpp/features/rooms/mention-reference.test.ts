import { describe, expect, it } from 'vitest';
import { referencesOccupant } from '../../../../../main/xmpp/features/rooms/mention-reference.js';
import { parseStanza } from '../fake-link.js';

const ROOM = 'lobby@rooms.example.org';
const REF = 'urn:xmpp:reference:0';

const message = (references: string) => parseStanza(`<message from='${ROOM}/carol' type='groupchat'><body>hi</body>${references}</message>`);

describe('XEP-0372 mention references', () => {
  it('a mention of our occupant address counts, percent-decoded, the room part in any case', () => {
    expect(referencesOccupant(message(`<reference xmlns='${REF}' type='mention' uri='xmpp:${ROOM}/Bob'/>`), ROOM, 'Bob')).toBe(true);
    expect(referencesOccupant(message(`<reference xmlns='${REF}' type='mention' uri='xmpp:LOBBY@rooms.example.org/Bob%20B'/>`), ROOM, 'Bob B')).toBe(true);
  });

  it('not another occupant, another room, another type, another namespace, nor a malformed URI', () => {
    const refused = [
      `<reference xmlns='${REF}' type='mention' uri='xmpp:${ROOM}/bob'/>`,
      `<reference xmlns='${REF}' type='mention' uri='xmpp:other@rooms.example.org/Bob'/>`,
      `<reference xmlns='${REF}' type='data' uri='xmpp:${ROOM}/Bob'/>`,
      `<reference xmlns='urn:other' type='mention' uri='xmpp:${ROOM}/Bob'/>`,
      `<reference xmlns='${REF}' type='mention' uri='xmpp:${ROOM}'/>`,
      `<reference xmlns='${REF}' type='mention' uri='https://${ROOM}/Bob'/>`,
      `<reference xmlns='${REF}' type='mention' uri='xmpp:${ROOM}/Bob%E0%A4%A'/>`,
      `<reference xmlns='${REF}' type='mention'/>`,
    ];
    for (const reference of refused) expect(referencesOccupant(message(reference), ROOM, 'Bob'), reference).toBe(false);
  });

  it('reads only the first references of a flood', () => {
    const flood = `<reference xmlns='${REF}' type='mention' uri='xmpp:${ROOM}/someone'/>`.repeat(40);
    expect(referencesOccupant(message(`${flood}<reference xmlns='${REF}' type='mention' uri='xmpp:${ROOM}/Bob'/>`), ROOM, 'Bob')).toBe(false);
  });
});
