/**
 * Issue 14: blocking and room invitations. An invitation whose inviter is blocked is never shown, direct or
 * through a room (the server's block list stops only what the blocked address sends itself, not a room's
 * message naming them); invitations from anyone else still are.
 */
import { describe, expect, it } from 'vitest';
import { isBlockedBy } from '../../../app/domain/blocking-rules.js';
import type { EventName } from '../../../app/ipc/channels.js';
import { createAccountInvitations } from '../../../main/services/room-invitations.js';
import type { Rooms } from '../../../main/xmpp/features/rooms/rooms.js';
import { createInvitations } from '../../../main/xmpp/features/rooms/invitations.js';
import { counterIds, FakeLink } from '../xmpp/features/fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const direct = (room: string, from: string) => `<message from='${from}/phone' to='alice@example.org'><x xmlns='jabber:x:conference' jid='${room}'/></message>`;

describe('room invitations from blocked addresses', () => {
  it('are never shown, by inviter or by the inviter’s whole domain; others are', () => {
    const link = new FakeLink('alice@example.org/desk');
    const feature = createInvitations({ link, ids: counterIds(), log: () => undefined });
    const events: Array<{ event: EventName; payload: unknown }> = [];
    const blocked = new Set(['mallory@example.org', 'spam.example']);
    const invitations = createAccountInvitations({
      accountId: ACCOUNT,
      emit: (event, payload) => events.push({ event, payload }),
      log: () => undefined,
      ids: counterIds(),
      now: () => new Date('2026-12-01T12:00:00.000Z'),
      online: () => {
        throw new Error('not asked');
      },
      isBlocked: (address) => isBlockedBy(blocked, address),
    });
    const rooms = { joined: () => [] } as unknown as Rooms;
    invitations.attach(feature, rooms);
    link.receive(direct('lobby@rooms.example.org', 'mallory@example.org'));
    link.receive(direct('deals@rooms.example.org', 'seller@spam.example'));
    link.receive(direct('friends@rooms.example.org', 'bob@example.org'));
    expect(invitations.list().map((i) => [i.room, i.from])).toEqual([['friends@rooms.example.org', 'bob@example.org']]);
    expect(events.map((e) => e.event)).toEqual(['roomInvitation']);
  });
});
