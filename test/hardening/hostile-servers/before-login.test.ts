/**
 * Hostile servers before any login: no STARTTLS, a refused STARTTLS, only TLS 1.0 or 1.1, a 50-certificate
 * chain, stanzas in the clear. The whole app against a server that records every byte it received; each
 * row says how the attempt ended, whether the password left, what the app reported, and that it still answers.
 */
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { streamHeader } from '../../../main/xmpp/starttls-negotiation.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { expectBehaviour } from '../behaviour-table.js';
import { appAnswers, describeState, HOSTILE_DOMAIN, passwordWords, trustWords, useHostileServers } from './hostile-world.js';
import { createLongChain } from './long-chain.js';

const hostile = useHostileServers();

describe('a hostile server before login', () => {
  it('a server that offers no STARTTLS: refused, nothing sent after our stream header', async (context) => {
    const { app, call, id, server, settled } = await hostile.start({ mode: 'starttls', script: { offerStartTls: false } });
    const state = await settled();
    await server.connections[0]!.closed();
    const received = server.received();
    const onlyHeader = received === streamHeader(HOSTILE_DOMAIN) ? 'header only' : `sent ${received.length} chars`;
    expectBehaviour(context, {
      expected: 'failed tls-required; header only; no password; unverified, offline; alive',
      got: `${describeState(state)}; ${onlyHeader}; ${passwordWords(received)}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it('a server that answers <starttls/> with <failure/>: refused, nothing sent after <starttls/>', async (context) => {
    const { app, call, id, server, settled } = await hostile.start({ mode: 'starttls', script: { startTlsAnswer: 'failure' } });
    const state = await settled();
    await server.connections[0]!.closed();
    const received = server.received();
    const clear = received === `${streamHeader(HOSTILE_DOMAIN)}<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>` ? 'header, <starttls/>' : `sent ${received.length} chars`;
    expectBehaviour(context, {
      expected: 'not connected; header, <starttls/>; no password; unverified, offline; alive',
      got: `${state.stage === 'online' ? 'online' : 'not connected'}; ${clear}; ${passwordWords(received)}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it.for([
    ['TLSv1', 'TLS 1.0'],
    ['TLSv1.1', 'TLS 1.1'],
  ] as const)('a server that speaks only %s: the handshake is refused, nothing sent over it', async ([version, label], context) => {
    const only = { minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    const { app, call, id, server, settled } = await hostile.start({ mode: 'direct-tls', tls: only });
    const state = await settled();
    const ours = server.connections[0]!;
    // Refused: the client hung up, so all it sent is recorded once the server sees the close.
    if (state.stage !== 'online') await ours.closed();
    // The control, after the app's one attempt: a client that allows the old version really gets it here.
    const negotiated = await new Promise<string | null>((resolve, reject) => {
      const probe = tls.connect({ host: '127.0.0.1', port: server.port, servername: HOSTILE_DOMAIN, ca: [hostile.ca.certPem], ...only }, () => {
        const protocol = probe.getProtocol();
        probe.destroy();
        resolve(protocol);
      });
      probe.once('error', reject);
    });
    expect(negotiated).toBe(version);
    expectBehaviour(context, {
      expected: `${label} offered, no handshake; no password; unverified, offline; alive`,
      got: `${negotiated === version ? label : negotiated} offered, ${ours.tls ? 'handshake done' : 'no handshake'}; ${passwordWords(ours.received())}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it('a server that sends a chain of 50 certificates from an unknown CA: not verified, cancelled, no password', async (context) => {
    const chain = await createLongChain(HOSTILE_DOMAIN, 50);
    const { app, call, id, server, settled } = await hostile.start({ mode: 'direct-tls', certificate: { certPem: chain.certPem, keyPem: chain.keyPem } });
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    // The app read the whole chain the server sent, and did not take it for a proof.
    expect(question.verdict.verified).toBe(false);
    await call('decideTrust', { requestId: question.requestId, decision: 'cancel' });
    const state = await settled();
    await server.connections[0]!.closed();
    expectBehaviour(context, {
      expected: 'asked, failed trust-cancelled; no password; unverified, offline; alive',
      got: `asked, ${describeState(state)}; ${passwordWords(server.received())}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it('a server that sends stanzas before TLS: ignored, and only our header and <starttls/> went in the clear', async (context) => {
    const forged =
      `<message from='bob@${HOSTILE_DOMAIN}/x' to='alice@${HOSTILE_DOMAIN}/desk' type='chat'><body>sent in the clear</body></message>` +
      `<iq type='set' id='push-1'><query xmlns='jabber:iq:roster'><item jid='mallory@evil.test' subscription='both'/></query></iq>`;
    const { app, call, id, server, settled } = await hostile.start({ mode: 'starttls', script: { beforeTls: forged } });
    const state = await settled();
    const connection = server.connections[0]!;
    const clear = connection.receivedBeforeTls() === `${streamHeader(HOSTILE_DOMAIN)}<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>` ? 'header, <starttls/> in clear' : 'more in clear';
    // Online is the barrier: the roster was fetched and every stanza sent before it has been handled.
    const roster = await call('getRoster', { accountId: id });
    const delivered = app.events.filter((e) => e.event === 'messageReceived').length + roster.items.length;
    expectBehaviour(context, {
      expected: 'online; 0 forged taken; header, <starttls/> in clear; no password',
      got: `${describeState(state)}; ${delivered} forged taken; ${clear}; ${passwordWords(server.received())}`,
    });
  });
});
