/**
 * Hostile servers after login, against the whole app on a verified connection: a presence flood, roster
 * pushes and carbons from foreign JIDs. Each row ends with a control the server sends last (a genuine push,
 * a genuine carbon, a message), so what the app did not take is proven by a barrier, never by waiting.
 */
import { escapeXML, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { MAX_RESOURCES_PER_CONTACT } from '../../../main/xmpp/features/presence.js';
import type { RecordedConnection } from '../../harness/recording-xmpp-server.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { waitUntil } from '../../harness/wait-until.js';
import { expectBehaviour } from '../behaviour-table.js';
import { appAnswers, HOSTILE_DOMAIN, passwordWords, trustWords, useHostileServers, type HostileAccount } from './hostile-world.js';

const hostile = useHostileServers();
const ALICE = `alice@${HOSTILE_DOMAIN}`;
const BOB = `bob@${HOSTILE_DOMAIN}`;

/** A server that plays along after login: an empty roster, carbons on, pings answered; the rest unanswered. */
function friendlyServer(stanza: Element, connection: RecordedConnection): void {
  const id = escapeXML(stanza.attrs.id ?? '');
  const type = stanza.attrs.type;
  if (!stanza.is('iq') || (type !== 'get' && type !== 'set')) return;
  const child = stanza.getChildElements()[0];
  if (type === 'get' && child?.is('query', 'jabber:iq:roster')) {
    connection.send(`<iq type='result' id='${id}'><query xmlns='jabber:iq:roster' ver='1'/></iq>`);
  } else if (child?.is('enable', 'urn:xmpp:carbons:2') || child?.is('ping', 'urn:xmpp:ping')) {
    connection.send(`<iq type='result' id='${id}'/>`);
  } else {
    connection.send(`<iq type='error' id='${id}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
  }
}

async function online(): Promise<HostileAccount & { connection: RecordedConnection }> {
  const account = await hostile.start({ mode: 'direct-tls', script: { onStanza: friendlyServer } });
  expect((await account.settled()).stage).toBe('online');
  // Everything the app sets up after login (roster, carbons, presence) is done once its presence went out.
  await waitUntil(() => account.server.received().includes('<priority>'), 'our initial presence');
  return { ...account, connection: account.server.connections[0]! };
}

const message = (from: string, body: string) => `<message from='${from}' to='${ALICE}/desk' type='chat' id='m-${body.length}'><body>${escapeXML(body)}</body></message>`;
/** A carbon (XEP-0280): the copy inside <forwarded/> declares jabber:client, as §9's examples do. */
const carbon = (outerFrom: string, direction: 'received' | 'sent', inner: string) =>
  `<message from='${outerFrom}' to='${ALICE}/desk'><${direction} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>` +
  `${inner.replace('<message ', "<message xmlns='jabber:client' ")}</forwarded></${direction}></message>`;
const rosterPush = (from: string | null, jid: string, id: string) =>
  `<iq type='set' id='${id}'${from === null ? '' : ` from='${from}'`} to='${ALICE}/desk'><query xmlns='jabber:iq:roster'><item jid='${jid}' name='Trust me' subscription='both'/></query></iq>`;

const bodies = (account: HostileAccount) =>
  account.app.events.filter((e) => e.event === 'messageReceived').map((e) => (e.payload as { body: string }).body);

describe('a hostile server after login', () => {
  it('a flood of 5,000 presences from one stranger: bounded, and the session still answers', async (context) => {
    const account = await online();
    const { app, call, id, connection } = account;
    const FLOOD = 5_000;
    const flood = Array.from({ length: FLOOD }, (_, i) => `<presence from='flood@evil.test/r${i}' to='${ALICE}/desk'><status>${i}</status></presence>`);
    connection.send(flood.join(''));
    // The barrier: a message sent after the flood is shown once every presence before it was handled.
    connection.send(message(`${BOB}/phone`, 'after the flood'));
    await waitForEvent(app.events, 'messageReceived', (m) => m.body === 'after the flood', { timeoutMs: 30_000 });
    // And the other way: the app still sends.
    const sent = await call('sendMessage', { accountId: id, to: BOB, body: 'still here' });
    await waitUntil(() => account.server.received().includes('still here'), 'our message at the server');
    const tracked = (await call('getRoster', { accountId: id })).presence.find((p) => p.jid === 'flood@evil.test')?.resources.length ?? 0;
    expect(sent.body).toBe('still here');
    expectBehaviour(context, {
      expected: `${MAX_RESOURCES_PER_CONTACT} of ${FLOOD} devices kept; message in and out; pkix, online; alive`,
      got: `${tracked} of ${FLOOD} devices kept; message in and out; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it('roster pushes from foreign JIDs: refused, the roster unchanged; a push from the server is taken', async (context) => {
    const { app, call, id, connection, server } = await online();
    connection.send(rosterPush('mallory@evil.test/x', 'eve@evil.test', 'push-foreign'));
    connection.send(rosterPush(`${BOB}/phone`, 'eve@evil.test', 'push-contact'));
    connection.send(rosterPush(`${ALICE}/other`, 'eve@evil.test', 'push-own-device'));
    // The control and barrier: a push without `from` is the server's own (RFC 6121 §2.1.6), so it counts.
    connection.send(rosterPush(null, `carol@${HOSTILE_DOMAIN}`, 'push-genuine'));
    await waitForEvent(app.events, 'rosterChanged', (r) => r.items.some((i) => i.jid === `carol@${HOSTILE_DOMAIN}`));
    // Every push is answered, the genuine one too: once all four answers are in, the refusals can be counted.
    const pushes = ['push-foreign', 'push-contact', 'push-own-device', 'push-genuine'];
    await waitUntil(() => pushes.every((push) => server.received().includes(`id="${push}"`)), 'an answer to every push');
    const items = (await call('getRoster', { accountId: id })).items.map((i) => i.jid);
    const answered = pushes.slice(0, 3).filter((push) =>
      new RegExp(`<iq [^>]*(id="${push}"[^>]*type="error"|type="error"[^>]*id="${push}")`).test(server.received()),
    ).length;
    expectBehaviour(context, {
      expected: '3 of 3 forged pushes refused; roster: carol only; no password; alive',
      got: `${answered} of 3 forged pushes refused; roster: ${items.map((j) => j.split('@')[0]).join(', ')} only; ${passwordWords(server.received())}; ${await appAnswers(call, id)}`,
    });
  });

  it('carbons from foreign JIDs: ignored; a carbon from our own bare JID is taken', async (context) => {
    const account = await online();
    const { app, call, id, connection } = account;
    const forged = [
      carbon('mallory@evil.test', 'received', message(`${BOB}/phone`, 'forged: from a stranger')),
      carbon(BOB, 'received', message(`${BOB}/phone`, 'forged: from a contact')),
      carbon(`${ALICE}/other`, 'sent', `<message from='${ALICE}/other' to='${BOB}' type='chat' id='s1'><body>forged: from a full JID</body></message>`),
      carbon(`alice@evil.test`, 'sent', `<message from='${ALICE}/other' to='${BOB}' type='chat' id='s2'><body>forged: from another domain</body></message>`),
    ];
    for (const stanza of forged) connection.send(stanza);
    // The control and barrier: the same kind of copy from our own bare JID is shown.
    connection.send(carbon(ALICE, 'received', message(`${BOB}/phone`, 'a genuine carbon')));
    await waitUntil(() => bodies(account).includes('a genuine carbon'), 'the genuine carbon');
    const shown = bodies(account).filter((b) => b.startsWith('forged')).length;
    const conversations = await call('listConversations', { accountId: id });
    expectBehaviour(context, {
      expected: `0 of ${forged.length} forged carbons shown; genuine one shown; pkix, online; alive`,
      got: `${shown} of ${forged.length} forged carbons shown; genuine one ${conversations.some((c) => c.lastMessage?.body === 'a genuine carbon') ? 'shown' : 'missing'}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });
});
