/**
 * Hostile servers during login, over TLS the app verified: stanzas before authentication, a SCRAM server
 * signature that is wrong or missing, an iteration count below 4096. The server's certificate is genuine
 * (PKIX), so "pkix" in a row is true; what must not follow from it is a login, a password or an online account.
 */
import { describe, expect, it } from 'vitest';
import { MIN_ITERATIONS } from '../../../main/xmpp/sasl/scram-server-messages.js';
import { createSession } from '../../../main/xmpp/session/open-session.js';
import { waitUntil } from '../../harness/wait-until.js';
import { SCRIPTED_DOMAIN, SCRIPTED_USERS, useScriptedServers } from '../../integration/xmpp/session/scripted-servers.js';
import { expectBehaviour } from '../behaviour-table.js';
import { appAnswers, describeState, HOSTILE_DOMAIN, passwordWords, trustWords, useHostileServers } from './hostile-world.js';

const hostile = useHostileServers();
const scripted = useScriptedServers();

/** A message, a presence and a roster push that claim to come from the server or a contact. */
const forgedStanzas = (domain: string) =>
  `<message from='bob@${domain}/x' to='alice@${domain}/desk' type='chat'><body>before login</body></message>` +
  `<presence from='bob@${domain}/x'/>` +
  `<iq type='set' id='push-1'><query xmlns='jabber:iq:roster'><item jid='mallory@evil.test' subscription='both'/></query></iq>`;

// The client serializes with double quotes (ltx); the counts below look for its exact output.
const count = (text: string, part: string) => text.split(part).length - 1;

describe('a hostile server during login', () => {
  it('stanzas before authentication reach no listener and no iq handler of the session', async (context) => {
    const target = await scripted.server({ mode: 'direct-tls', script: { users: SCRIPTED_USERS, beforeAuth: forgedStanzas(SCRIPTED_DOMAIN) } });
    // Listeners attached before open(), as the app's features are when a session continues on a new connection.
    const session = createSession({ domain: SCRIPTED_DOMAIN, credentials: { username: 'alice', password: SCRIPTED_USERS.alice }, resource: 'desk', previousMechanism: null });
    const delivered: string[] = [];
    session.onStanza((stanza) => delivered.push(stanza.getChildText('body') ?? stanza.name));
    let pushes = 0;
    session.handleIq('set', 'jabber:iq:roster', 'query', () => {
      pushes++;
      return null;
    });
    try {
      await session.open({ connection: await scripted.verified(target, true), serverProof: 'pkix' });
      // The barrier: a message after login arrives after everything the server sent before it.
      target.connections[0]!.send(`<message from='bob@${SCRIPTED_DOMAIN}/x' to='alice@${SCRIPTED_DOMAIN}/desk' type='chat'><body>after login</body></message>`);
      await waitUntil(() => delivered.includes('after login'), 'the message after login');
      // The forged push was answered as an iq nobody handles (the client serializes with double quotes).
      expect(target.received()).toMatch(/<iq [^>]*(id="push-1"[^>]*type="error"|type="error"[^>]*id="push-1")/);
      const taken = delivered.length - 1 + pushes;
      expectBehaviour(context, {
        expected: 'online; 0 of 3 pre-login stanzas taken; the message after login taken',
        got: `${session.status}; ${taken} of 3 pre-login stanzas taken; the message after login taken`,
      });
    } finally {
      await session.close();
    }
  });

  it('stanzas before authentication: the app shows none of them and logs in', async (context) => {
    const { app, call, id, server, settled } = await hostile.start({ mode: 'starttls', script: { beforeAuth: forgedStanzas(HOSTILE_DOMAIN) } });
    const state = await settled();
    // Online means the roster was fetched: every stanza the server sent before it has been handled.
    const roster = await call('getRoster', { accountId: id });
    const taken = app.events.filter((e) => e.event === 'messageReceived' || e.event === 'presenceChanged').length + roster.items.length;
    expectBehaviour(context, {
      expected: 'online; 0 forged stanzas taken; no password; pkix, online; alive',
      got: `${describeState(state)}; ${taken} forged stanzas taken; ${passwordWords(server.received())}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it.for(['wrong', 'missing'] as const)('a server whose SCRAM signature is %s: refused after one <auth>, no PLAIN, no binding', async (serverSignature, context) => {
    const { app, call, id, server, settled } = await hostile.start({ mode: 'direct-tls', script: { serverSignature } });
    const state = await settled();
    // The client hung up; everything it sent before is recorded once the server sees the close.
    await server.connections[0]!.closed();
    const sent = server.received();
    expect(sent).toContain('mechanism="SCRAM-SHA-1"');
    const steps = `${count(sent, '<auth ')} <auth>, ${count(sent, 'mechanism="PLAIN"')} PLAIN, ${count(sent, '<iq')} <iq>`;
    expect(state.stage === 'failed' && state.error.message).toMatch(/could not prove it knows your password/);
    expectBehaviour(context, {
      expected: 'failed authentication; 1 <auth>, 0 PLAIN, 0 <iq>; no password; pkix, offline',
      got: `${describeState(state)}; ${steps}; ${passwordWords(sent)}; ${trustWords(app, id)}`,
    });
    expect(await appAnswers(call, id)).toBe('alive');
    expect(server.connections).toHaveLength(1);
  });

  it(`a server that asks for fewer than ${MIN_ITERATIONS} SCRAM iterations: refused before any proof is sent`, async (context) => {
    const { app, call, id, server, settled } = await hostile.start({ mode: 'direct-tls', script: { iterations: 1000 } });
    const state = await settled();
    await server.connections[0]!.closed();
    const sent = server.received();
    expect(state.stage === 'failed' && state.error.message).toMatch(/1000 SCRAM iterations/);
    expectBehaviour(context, {
      expected: 'failed authentication; 0 proofs sent; no password; pkix, offline; alive',
      got: `${describeState(state)}; ${count(sent, '<response')} proofs sent; ${passwordWords(sent)}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });
});
