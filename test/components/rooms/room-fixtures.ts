import type { Occupant, RoomMessage, RoomSummary } from '../../../app/domain/rooms.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';

export const ROOM = 'team@rooms.example.com';

export function occupant(nick: string, overrides: Partial<Occupant> = {}): Occupant {
  return { nick, role: 'participant', affiliation: 'none', realJid: null, ...overrides };
}

export function summary(overrides: Partial<RoomSummary> = {}): RoomSummary {
  return {
    accountId: ACCOUNT_ID,
    room: ROOM,
    nick: 'alice',
    subject: 'Plans for the week',
    occupants: [occupant('alice', { role: 'moderator', affiliation: 'owner', realJid: 'alice@example.com' }), occupant('bob'), occupant('carol', { role: 'visitor' })],
    reach: 'own-server',
    ...overrides,
  };
}

export function roomMessage(overrides: Partial<RoomMessage> = {}): RoomMessage {
  return {
    id: 'rm1',
    accountId: ACCOUNT_ID,
    room: ROOM,
    nick: 'bob',
    direction: 'in',
    body: 'hello',
    at: '2012-09-01T12:03:00.000Z',
    state: 'received',
    stanzaId: null,
    originId: null,
    archiveId: null,
    ...overrides,
  };
}
