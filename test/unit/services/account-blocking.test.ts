import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { EventName } from '../../../app/ipc/channels.js';
import { UserFacingError } from '../../../main/ipc/handlers.js';
import { createAccountBlocking } from '../../../main/services/account-blocking.js';
import type { Archive } from '../../../main/xmpp/features/archive.js';
import { StanzaError } from '../../../main/xmpp/link.js';
import { createBlocking } from '../../../main/xmpp/features/blocking.js';
import { FakeLink, settle } from '../xmpp/features/fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const BLOCKING = 'urn:xmpp:blocking';
const DISCO_WITH_BLOCKING = `<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='${BLOCKING}'/></query></iq>`;

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const feature = createBlocking({ link, log: () => undefined });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const forgotten: string[][] = [];
  let online = true;
  const blocking = createAccountBlocking({
    accountId: ACCOUNT,
    emit: (event, payload) => events.push({ event, payload }),
    log: () => undefined,
    online: () => {
      if (!online) throw new UserFacingError('offline');
      return feature;
    },
    blockedNow: (isBlocked) => forgotten.push(['romeo@example.net', 'juliet@spam.example', 'nurse@example.net'].filter(isBlocked)),
  });
  return { link, feature, blocking, events, forgotten, goOffline: () => (online = false) };
}

/** One of the login's two questions, asked together: support (disco#info, `query`) and the list (`blocklist`). */
function question(link: FakeLink, child: 'query' | 'blocklist') {
  const asked = link.requests.find((r) => r.iq.getChildElements()[0]?.name === child);
  if (asked === undefined) throw new Error(`no ${child} question was asked`);
  return asked;
}

/** Answers the login's two questions: support, then the list. */
async function login(link: FakeLink, attached: Promise<unknown>, list: string): Promise<void> {
  question(link, 'query').result(DISCO_WITH_BLOCKING);
  await settle();
  question(link, 'blocklist').result(`<iq type='result'><blocklist xmlns='${BLOCKING}'>${list}</blocklist></iq>`);
  await attached;
}

const message = (peer: string, direction: 'in' | 'out'): ChatMessage => ({
  id: `${peer}-${direction}`,
  accountId: ACCOUNT,
  peer,
  direction,
  body: 'hello',
  at: '2024-05-01T12:00:00.000Z',
  state: direction === 'in' ? 'received' : 'sent',
  stanzaId: null,
  originId: null,
  archiveId: null,
  carbon: false,
  error: null,
});

describe('one account’s blocking', () => {
  it('knows nothing before the first login, then the server’s list, by address and by whole domain', async () => {
    const { link, feature, blocking, events, forgotten } = setup();
    expect(blocking.list()).toEqual({ accountId: ACCOUNT, supported: null, blocked: [] });
    await login(link, blocking.attach(feature), `<item jid='romeo@example.net'/><item jid='spam.example'/>`);
    expect(blocking.list()).toEqual({ accountId: ACCOUNT, supported: true, blocked: ['romeo@example.net', 'spam.example'] });
    expect(events.at(-1)).toEqual({ event: 'blockedChanged', payload: blocking.list() });
    expect(forgotten.at(-1)).toEqual(['romeo@example.net', 'juliet@spam.example']);
    expect(blocking.isBlocked('romeo@example.net/balcony')).toBe(true);
    expect(blocking.isBlocked('juliet@spam.example')).toBe(true);
    expect(blocking.isBlocked('nurse@example.net')).toBe(false);
    // A subdomain is another domain.
    expect(blocking.isBlocked('x@mail.spam.example')).toBe(false);
  });

  it('applies pushes that come while the list is fetched on top of the list', async () => {
    const { link, feature, blocking } = setup();
    const attached = blocking.attach(feature);
    question(link, 'query').result(DISCO_WITH_BLOCKING);
    await settle();
    await link.receiveIq(`<iq type='set'><block xmlns='${BLOCKING}'><item jid='nurse@example.net'/></block></iq>`);
    question(link, 'blocklist').result(`<iq type='result'><blocklist xmlns='${BLOCKING}'><item jid='romeo@example.net'/></blocklist></iq>`);
    await attached;
    expect(blocking.list().blocked).toEqual(['nurse@example.net', 'romeo@example.net']);
  });

  it('follows pushes; an empty unblock clears the list', async () => {
    const { link, feature, blocking, events } = setup();
    await login(link, blocking.attach(feature), `<item jid='romeo@example.net'/>`);
    await link.receiveIq(`<iq type='set'><block xmlns='${BLOCKING}'><item jid='spam.example'/></block></iq>`);
    expect(blocking.list().blocked).toEqual(['romeo@example.net', 'spam.example']);
    const count = events.length;
    // The same again changes nothing, and says nothing.
    await link.receiveIq(`<iq type='set'><block xmlns='${BLOCKING}'><item jid='spam.example'/></block></iq>`);
    expect(events).toHaveLength(count);
    await link.receiveIq(`<iq type='set'><unblock xmlns='${BLOCKING}'/></iq>`);
    expect(blocking.list().blocked).toEqual([]);
  });

  it('blocks through the server and answers with the new list', async () => {
    const { link, feature, blocking } = setup();
    await login(link, blocking.attach(feature), '');
    const blocked = blocking.block('romeo@example.net');
    link.lastRequest().result();
    expect(await blocked).toEqual({ accountId: ACCOUNT, supported: true, blocked: ['romeo@example.net'] });
    const refused = blocking.unblock('romeo@example.net');
    link.lastRequest().fail(new StanzaError('not-allowed', 'cancel'));
    await expect(refused).rejects.toThrow(new UserFacingError('The server refused to unblock romeo@example.net ("not-allowed").'));
  });

  it('refuses in plain words where the server does not support blocking, or the account is offline', async () => {
    const { link, feature, blocking, goOffline } = setup();
    const attached = blocking.attach(feature);
    question(link, 'query').result(`<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`);
    question(link, 'blocklist').fail(new StanzaError('service-unavailable', 'cancel'));
    await attached;
    expect(blocking.list()).toEqual({ accountId: ACCOUNT, supported: false, blocked: [] });
    await expect(blocking.block('romeo@example.net')).rejects.toThrow(/does not support blocking/);
    goOffline();
    await expect(blocking.block('romeo@example.net')).rejects.toThrow('offline');
  });

  it('leaves blocked addresses’ incoming archive copies out, and keeps our own messages to them', async () => {
    const { link, feature, blocking } = setup();
    await login(link, blocking.attach(feature), `<item jid='spam.example'/>`);
    const messages = [message('romeo@example.net', 'in'), message('juliet@spam.example', 'in'), message('juliet@spam.example', 'out')];
    const archive: Pick<Archive, 'loadPage' | 'catchUp'> = {
      loadPage: async () => ({ messages, first: 'a', complete: true }),
      catchUp: async () => ({ messages, last: 'z', complete: true }),
    };
    const filtered = blocking.withoutBlocked(archive);
    const page = await filtered.loadPage({ peer: 'juliet@spam.example', before: null, max: 10 });
    expect(page.messages.map((m) => m.id)).toEqual(['romeo@example.net-in', 'juliet@spam.example-out']);
    expect(page.first).toBe('a');
    const caught = await filtered.catchUp({ after: null, max: 10 });
    expect(caught.messages.map((m) => m.id)).toEqual(['romeo@example.net-in', 'juliet@spam.example-out']);
    expect(caught.last).toBe('z');
  });

  it('leaves a blocked sender’s corrections, retractions and reactions out of archive pages too (issue 14)', async () => {
    const { link, feature, blocking } = setup();
    await login(link, blocking.attach(feature), `<item jid='spam.example'/>`);
    const changes = [
      { change: { kind: 'retraction', ref: 'x1' } as const, message: message('juliet@spam.example', 'in') },
      { change: { kind: 'retraction', ref: 'x2' } as const, message: message('romeo@example.net', 'in') },
      { change: { kind: 'retraction', ref: 'x3' } as const, message: message('juliet@spam.example', 'out') },
    ];
    const archive: Pick<Archive, 'loadPage' | 'catchUp'> = {
      loadPage: async () => ({ messages: [], first: 'a', complete: true, changes }),
      catchUp: async () => ({ messages: [], last: 'z', complete: true, changes }),
    };
    const filtered = blocking.withoutBlocked(archive);
    const kept = (page: { changes?: readonly { message: { id: string } }[] }) => page.changes?.map((c) => c.message.id);
    expect(kept(await filtered.loadPage({ peer: 'juliet@spam.example', before: null, max: 10 }))).toEqual(['romeo@example.net-in', 'juliet@spam.example-out']);
    expect(kept(await filtered.catchUp({ after: null, max: 10 }))).toEqual(['romeo@example.net-in', 'juliet@spam.example-out']);
  });
});
