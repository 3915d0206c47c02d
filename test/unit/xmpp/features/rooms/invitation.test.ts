/**
 * Room invitations: the reader against hostile input (rooms that are not room addresses, control
 * characters, floods of text, several invitations in one message, a person pretending to be a room) and the
 * feature's room check (a mediated invitation counts only from what describes itself as a room).
 */
import { describe, expect, it } from 'vitest';
import { MAX_INVITATION_PASSWORD_CHARS, MAX_INVITATION_REASON_CHARS } from '../../../../../app/domain/rooms.js';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { readInvitationStanza, type InvitationStanza, type ReadDecline, type ReadInvitation } from '../../../../../main/xmpp/features/rooms/invitation.js';
import { createInvitations, MAX_ROOM_CHECKS } from '../../../../../main/xmpp/features/rooms/invitations.js';
import { counterIds, FakeLink, parseStanza, settle } from '../fake-link.js';

const ROOM = 'lobby@rooms.example.org';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const CONFERENCE = 'jabber:x:conference';

const read = (text: string): InvitationStanza => readInvitationStanza(parseStanza(text));
const direct = (attrs: string, from = 'bob@example.org/phone', extra = '') => `<message from='${from}' to='alice@example.org'${extra}><x xmlns='${CONFERENCE}' ${attrs}/></message>`;
const mediated = (inner: string, from = ROOM, password = '') =>
  `<message from='${from}' to='alice@example.org'><x xmlns='${MUC_USER}'>${inner}${password}</x><x xmlns='${CONFERENCE}' jid='${ROOM}'/><body>bob invited you</body></message>`;

describe('reading invitations', () => {
  it('reads a direct invitation: the room in its normal form, who sent it (bare), the reason and the password', () => {
    expect(read(direct(`jid='Lobby@Rooms.Example.org' reason='Come &amp; see' password='p&lt;w&gt;'`))).toEqual({
      kind: 'invitation',
      invitation: { via: 'direct', room: ROOM, from: 'bob@example.org', reason: 'Come & see', password: 'p<w>' },
    });
  });

  it('reads a mediated invitation from the room, preferring it to the old element the room adds, the inviter by bare JID', () => {
    expect(read(mediated(`<invite from='Bob@Example.org/phone'><reason>Our room</reason></invite>`, ROOM, '<password>secret</password>'))).toEqual({
      kind: 'invitation',
      invitation: { via: 'mediated', room: ROOM, from: 'bob@example.org', reason: 'Our room', password: 'secret' },
    });
  });

  it('keeps an inviter the room names by nickname (it hides real addresses) as the occupant address', () => {
    const result = read(mediated(`<invite from='${ROOM}/Bob'/>`));
    expect(result).toMatchObject({ kind: 'invitation', invitation: { from: `${ROOM}/Bob`, reason: null, password: null } });
  });

  it('reads a decline from the room', () => {
    expect(read(mediated(`<decline from='carol@example.org/desk'><reason>Busy</reason></decline>`))).toEqual({
      kind: 'declined',
      decline: { room: ROOM, from: 'carol@example.org', reason: 'Busy' },
    });
  });

  it('refuses a mediated invitation or decline that is not from a bare room address (a person, an occupant, a server)', () => {
    for (const from of ['bob@example.org/phone', `${ROOM}/Bob`, 'rooms.example.org']) {
      expect(read(mediated(`<invite from='eve@example.org'/>`, from))).toMatchObject({ kind: 'refused' });
      expect(read(mediated(`<decline from='eve@example.org'/>`, from))).toMatchObject({ kind: 'refused' });
    }
  });

  it('refuses invitations to things that are not room addresses, and a room inviting to itself', () => {
    for (const jid of ['rooms.example.org', `${ROOM}/nick`, 'not a jid@@', '']) {
      expect(read(direct(`jid='${jid}'`))).toMatchObject({ kind: 'refused' });
    }
    expect(read(direct(`jid='${ROOM}'`, `${ROOM}/Bob`))).toMatchObject({ kind: 'refused' });
    expect(read(`<message to='alice@example.org'><x xmlns='${CONFERENCE}' jid='${ROOM}'/></message>`)).toMatchObject({ kind: 'refused' });
  });

  it('refuses a mediated invitation that does not say who invites, and several in one message', () => {
    expect(read(mediated('<invite/>'))).toMatchObject({ kind: 'refused' });
    expect(read(mediated(`<invite from='not a jid@@'/>`))).toMatchObject({ kind: 'refused' });
    expect(read(mediated(`<invite from='a@example.org'/><invite from='b@example.org'/>`))).toMatchObject({ kind: 'refused' });
    expect(read(mediated(`<invite from='a@example.org'/><decline from='b@example.org'/>`))).toMatchObject({ kind: 'refused' });
    expect(read(`<message from='bob@example.org/x'><x xmlns='${CONFERENCE}' jid='${ROOM}'/><x xmlns='${CONFERENCE}' jid='other@rooms.example.org'/></message>`)).toMatchObject({
      kind: 'refused',
    });
  });

  it('turns the reason into one bounded line without control characters, and drops a password that is too long or odd', () => {
    const long = 'x'.repeat(MAX_INVITATION_REASON_CHARS * 3);
    const cut = read(direct(`jid='${ROOM}' reason='${long}'`));
    expect(cut).toMatchObject({ invitation: { reason: 'x'.repeat(MAX_INVITATION_REASON_CHARS) } });
    const lines = read(mediated(`<invite from='bob@example.org'><reason>  Line one&#10;line&#9;two\u0007\u001b[31m  </reason></invite>`));
    expect(lines).toMatchObject({ invitation: { reason: 'Line one line two[31m' } });
    expect(read(direct(`jid='${ROOM}' reason='   '`))).toMatchObject({ invitation: { reason: null } });

    const tooLong = 'p'.repeat(MAX_INVITATION_PASSWORD_CHARS + 1);
    expect(read(direct(`jid='${ROOM}' password='${tooLong}'`))).toMatchObject({ kind: 'invitation', invitation: { password: null } });
    expect(read(direct(`jid='${ROOM}' password='a&#10;b'`))).toMatchObject({ kind: 'invitation', invitation: { password: null } });
    expect(read(mediated(`<invite from='bob@example.org'/>`, ROOM, `<password>\u0001</password>`))).toMatchObject({ invitation: { password: null } });
  });

  it('leaves alone what is not an invitation: room private messages, errors, groupchat, other stanzas', () => {
    expect(read(`<message from='${ROOM}/Bob' type='chat'><body>hi</body><x xmlns='${MUC_USER}'/></message>`)).toEqual({ kind: 'none' });
    expect(read(direct(`jid='${ROOM}'`, 'bob@example.org/phone', ` type='error'`))).toEqual({ kind: 'none' });
    expect(read(direct(`jid='${ROOM}'`, 'bob@example.org/phone', ` type='groupchat'`))).toEqual({ kind: 'none' });
    expect(read(`<message from='bob@example.org/phone'><body>hello</body></message>`)).toEqual({ kind: 'none' });
    expect(read(`<presence from='${ROOM}'><x xmlns='${CONFERENCE}' jid='${ROOM}'/></presence>`)).toEqual({ kind: 'none' });
    expect(read(direct(`jid='${ROOM}'`, 'bob@example.org/phone', ` type='chat'`))).toMatchObject({ kind: 'invitation' });
  });
});

describe('the invitations feature', () => {
  function setup() {
    const link = new FakeLink('alice@example.org/desk');
    const logged: FeatureLogEntry[] = [];
    const invitations = createInvitations({ link, ids: counterIds(), log: (entry) => logged.push(entry) });
    const invited: ReadInvitation[] = [];
    const declined: ReadDecline[] = [];
    invitations.on('invited', (i) => invited.push(i));
    invitations.on('declined', (d) => declined.push(d));
    return { link, invitations, logged, invited, declined };
  }
  const discoAnswer = (identity: string, feature: string) =>
    `<iq type='result' id='req-1'><query xmlns='http://jabber.org/protocol/disco#info'>${identity}${feature}</query></iq>`;

  it('tells a direct invitation at once, without asking anything', () => {
    const { link, invited } = setup();
    link.receive(direct(`jid='${ROOM}'`));
    expect(invited).toEqual([{ via: 'direct', room: ROOM, from: 'bob@example.org', reason: null, password: null }]);
    expect(link.requests).toEqual([]);
  });

  it('tells a mediated invitation only once its sender has described itself as a room, and asks each room once', async () => {
    const { link, invited } = setup();
    link.receive(mediated(`<invite from='bob@example.org'/>`));
    expect(invited).toEqual([]);
    const ask = link.lastRequest();
    expect(ask.iq.attrs).toMatchObject({ type: 'get', to: ROOM });
    ask.result(discoAnswer(`<identity category='conference' type='text'/>`, `<feature var='http://jabber.org/protocol/muc'/>`));
    await settle();
    expect(invited).toHaveLength(1);
    link.receive(mediated(`<decline from='carol@example.org'/>`));
    await settle();
    expect(link.requests).toHaveLength(1);
  });

  it('refuses a mediated invitation from an account that is not a room (a hostile server can send from a bare address)', async () => {
    const { link, invited, logged } = setup();
    link.receive(mediated(`<invite from='bob@example.org'/>`, 'mallory@evil.example'));
    link.lastRequest().result(discoAnswer(`<identity category='account' type='registered'/>`, ''));
    await settle();
    link.receive(mediated(`<decline from='bob@example.org'/>`, 'eve@evil.example'));
    link.lastRequest().fail(new Error('no answer') as never);
    await settle();
    expect(invited).toEqual([]);
    expect(logged.filter((e) => e.reason.includes('not a room'))).toHaveLength(2);
  });

  it('asks about at most MAX_ROOM_CHECKS rooms at once: a flood of invitations from new "rooms" is refused', () => {
    const { link, logged } = setup();
    for (let i = 0; i < MAX_ROOM_CHECKS + 5; i += 1) link.receive(mediated(`<invite from='bob@example.org'/>`, `room${i}@evil.example`));
    expect(link.requests).toHaveLength(MAX_ROOM_CHECKS);
    expect(logged.filter((e) => e.reason.includes('too many'))).toHaveLength(5);
  });

  it('sends a direct invitation, a mediated one and a decline with their texts as text', async () => {
    const { link, invitations } = setup();
    await invitations.inviteDirect('bob@example.org', 'Lobby@rooms.example.org', { reason: 'a <b> & c', password: 'pw' });
    const sentDirect = link.lastSent();
    expect(sentDirect.attrs.to).toBe('bob@example.org');
    expect(sentDirect.getChild('x', CONFERENCE)?.attrs).toMatchObject({ jid: ROOM, reason: 'a <b> & c', password: 'pw' });
    expect(sentDirect.getChild('body')).toBeUndefined();

    await invitations.inviteMediated(ROOM, 'bob@example.org', 'why <not>');
    const invite = link.lastSent().getChild('x', MUC_USER)?.getChild('invite');
    expect(link.lastSent().attrs.to).toBe(ROOM);
    expect(invite?.attrs.to).toBe('bob@example.org');
    expect(invite?.getChildText('reason')).toBe('why <not>');

    await invitations.decline(ROOM, `${ROOM}/Bob`, null);
    const decline = link.lastSent().getChild('x', MUC_USER)?.getChild('decline');
    expect(decline?.attrs.to).toBe(`${ROOM}/Bob`);
    expect(decline?.getChild('reason')).toBeUndefined();

    await expect(invitations.inviteDirect('bob@example.org', 'rooms.example.org', { reason: null, password: null })).rejects.toMatchObject({ kind: 'invalid-room' });
    await expect(invitations.inviteMediated(ROOM, 'not a jid@@', null)).rejects.toMatchObject({ kind: 'invalid-address' });
  });

  it('stops listening when disposed', () => {
    const { link, invitations } = setup();
    const before = link.listenerCount();
    invitations.dispose();
    expect(link.listenerCount()).toBe(before - 1);
  });
});
