/**
 * Going online does not wait for stream management's answer (issue 16): the session is online as soon as its
 * XEP-0198 <enable/> is written after binding. Against a scripted server that offers <sm/> and holds its answer
 * until the test lets it go (a barrier: the answer cannot have arrived), so each test knows the session went
 * online first. What must stay right: a stanza sent in between is counted (acknowledged by the server's `h`), a
 * <failed/> answer leaves the session working without acknowledgements, and a drop before any answer hands
 * back what the server never confirmed. (The same against Prosody, with resumption: resume.test.ts.)
 */
import xml, { escapeXML, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../../main/xmpp/session/open-session.js';
import type { DisconnectedEvent, XmppSession } from '../../../../main/xmpp/session/xmpp-session.js';
import type { RecordedConnection, RecordingXmppServer } from '../../../harness/recording-xmpp-server.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { SCRIPTED_DOMAIN, SCRIPTED_USERS, useScriptedServers } from './scripted-servers.js';

const NS_SM = 'urn:xmpp:sm:3';
const scripted = useScriptedServers();

/**
 * A server side of XEP-0198 for the scripted server: <enable/> is answered only when `answer` is called, with
 * <enabled/> or <failed/>; once enabled it counts the client's stanzas and answers <r/> with that count.
 */
function streamManagementScript() {
  const held: Array<{ connection: RecordedConnection; enable: Element }> = [];
  const enabled = new Set<RecordedConnection>();
  const handled = new Map<RecordedConnection, number>();
  return {
    held: () => held.length,
    answer(how: 'enabled' | 'failed') {
      for (const { connection } of held.splice(0)) {
        if (how === 'failed') {
          connection.send(`<failed xmlns='${NS_SM}'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>`);
          continue;
        }
        enabled.add(connection);
        connection.send(`<enabled xmlns='${NS_SM}' id='sm-${connection.id}' resume='true'/>`);
      }
    },
    onStanza(stanza: Element, connection: RecordedConnection) {
      if (stanza.is('enable', NS_SM)) {
        held.push({ connection, enable: stanza });
        return;
      }
      if (stanza.is('r', NS_SM)) {
        if (enabled.has(connection)) connection.send(`<a xmlns='${NS_SM}' h='${handled.get(connection) ?? 0}'/>`);
        return;
      }
      if (!['message', 'presence', 'iq'].includes(stanza.name)) return;
      // The stanzas the server got after <enable/> are what its `h` counts (it handles them once enabled).
      if (enabled.has(connection) || held.some((h) => h.connection === connection)) handled.set(connection, (handled.get(connection) ?? 0) + 1);
      const type = stanza.attrs.type;
      if (stanza.name === 'iq' && (type === 'get' || type === 'set')) connection.send(`<iq type='result' from='${SCRIPTED_DOMAIN}' id='${escapeXML(stanza.attrs.id ?? '')}'/>`);
    },
  };
}

async function smServer(sm: ReturnType<typeof streamManagementScript>): Promise<RecordingXmppServer> {
  return scripted.server({
    mode: 'direct-tls',
    script: { users: SCRIPTED_USERS, postAuthFeatures: `<sm xmlns='${NS_SM}'/>`, onStanza: (stanza, connection) => sm.onStanza(stanza, connection) },
  });
}

function session(timeouts?: { readonly streamMs: number }): XmppSession {
  return createSession({
    domain: SCRIPTED_DOMAIN,
    credentials: { username: 'alice', password: SCRIPTED_USERS.alice },
    resource: 'desk',
    previousMechanism: null,
    ...(timeouts ? { timeouts } : {}),
  });
}

const chat = (id: string, body: string): Element => xml('message', { id, to: `bob@${SCRIPTED_DOMAIN}`, type: 'chat' }, xml('body', {}, body));

function ackedIds(alice: XmppSession): string[] {
  const acked: string[] = [];
  alice.onAcked((id) => acked.push(id));
  return acked;
}

describe('going online while stream management is being enabled', () => {
  it('is online before the answer to <enable/>, and the answer then counts a message sent in between', async () => {
    const sm = streamManagementScript();
    const target = await smServer(sm);
    const alice = session();
    const acked = ackedIds(alice);
    const start = await alice.open({ connection: await scripted.verified(target, true), serverProof: 'pkix' });
    // The server holds its answer (it may not even have read <enable/> yet): online came first.
    expect(alice.status).toBe('online');
    expect(start).toMatchObject({ kind: 'bound', streamManagement: true, notResumed: null });
    expect(alice.acknowledged).toBe(true);
    expect(alice.resumeState()).toBeNull();
    await waitUntil(() => sm.held() === 1, 'the server holding its answer to <enable/>');

    await alice.send(chat('m1', 'sent before the answer'));
    await waitUntil(() => target.received().includes('sent before the answer'), 'the message at the server');
    expect(acked).toEqual([]);
    sm.answer('enabled');
    await waitUntil(() => acked.includes('m1'), 'the ack of the message sent before <enabled/>');
    expect(alice.unacknowledged()).toEqual([]);
    expect(alice.resumeState()).toMatchObject({ id: 'sm-1', outbound: 1, unacked: [] });
    await alice.close();
  });

  it('carries on without acknowledgements when the server answers <enable/> with <failed/>', async () => {
    const sm = streamManagementScript();
    const target = await smServer(sm);
    const alice = session();
    const acked = ackedIds(alice);
    await alice.open({ connection: await scripted.verified(target, true), serverProof: 'pkix' });
    await waitUntil(() => sm.held() === 1, 'the server holding its answer to <enable/>');
    await alice.send(chat('m1', 'sent before the refusal'));

    sm.answer('failed');
    // Written on a stream that stays up is all the certainty there is without stream management.
    await waitUntil(() => acked.includes('m1'), 'the message written before the refusal counted as delivered');
    expect(alice.status).toBe('online');
    expect(alice.acknowledged).toBe(false);
    expect(alice.unacknowledged()).toEqual([]);
    expect(alice.resumeState()).toBeNull();

    // Still a working session: a request is answered, and a message sent now counts as delivered once written.
    const pong = await alice.request(xml('iq', { type: 'get', to: SCRIPTED_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).toBe('result');
    await alice.send(chat('m2', 'sent after the refusal'));
    expect(acked).toContain('m2');
    await waitUntil(() => target.received().includes('sent after the refusal'), 'the second message at the server');
    expect(target.received()).not.toContain('<r ');
    await alice.close();
  });

  it('hands back, at the next bind, a message the server never confirmed because the stream dropped before the answer', async () => {
    const sm = streamManagementScript();
    const target = await smServer(sm);
    const alice = session();
    const first = await scripted.verified(target, true);
    await alice.open({ connection: first, serverProof: 'pkix' });
    await alice.send(chat('lost', 'sent before the drop'));
    const dropped = new Promise<DisconnectedEvent>((resolve) => alice.on('disconnected', resolve));
    first.socket.destroy();
    // No <enabled/> yet, so no SM-ID: nothing to resume.
    expect((await dropped).resumable).toBe(false);

    const again = await alice.open({ connection: await scripted.verified(target, true), serverProof: 'pkix' });
    expect(again.kind).toBe('bound');
    if (again.kind !== 'bound') return;
    expect(again.notResumed?.unacked.map((s) => s.attrs.id)).toEqual(['lost']);
    expect(alice.takeUnacknowledged()).toEqual(['lost']);
    expect(alice.takeUnacknowledged()).toEqual([]);
    sm.answer('enabled');
    await alice.close();
  });

  it('carries on without acknowledgements when the server never answers <enable/>, and a late answer changes nothing', async () => {
    const sm = streamManagementScript();
    const target = await smServer(sm);
    // xmpp.js's stream timeout is how long the answer may take; short here so the test need not wait 10 s.
    const alice = session({ streamMs: 300 });
    const acked = ackedIds(alice);
    await alice.open({ connection: await scripted.verified(target, true), serverProof: 'pkix' });
    await waitUntil(() => sm.held() === 1, 'the server holding its answer to <enable/>');
    await alice.send(chat('m1', 'sent while no answer came'));
    expect(acked).toEqual([]);

    // No answer at all: after the stream timeout the message counts as written on a stream without stream management.
    await waitUntil(() => acked.includes('m1'), 'the unanswered <enable/> given up, the message counted as delivered');
    expect(alice.status).toBe('online');
    expect(alice.acknowledged).toBe(false);
    expect(alice.unacknowledged()).toEqual([]);
    expect(alice.resumeState()).toBeNull();

    // The answer comes after all: the session stays as it is, and what it sends still counts once written.
    sm.answer('enabled');
    const pong = await alice.request(xml('iq', { type: 'get', to: SCRIPTED_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).toBe('result');
    await alice.send(chat('m2', 'sent after the late answer'));
    expect(acked).toContain('m2');
    expect(alice.status).toBe('online');
    await alice.close();
  });
});
