/**
 * A verified server that sends what the parser must not take (stream-guard.ts): one oversized stanza, one
 * endless stanza, one nested too deep, a DTD with entities, an undeclared entity reference. Each time the
 * client answers with the stream error RFC 6120 §4.9.3 names and closes the stream, nothing crashes, the
 * session reports a typed error, and the reconnect policy backs off (it retries, never at once).
 */
import { describe, expect, it } from 'vitest';
import { StreamRefusedError } from '../../../main/xmpp/errors.js';
import { nextDelay, shouldReconnect } from '../../../main/xmpp/reconnect-policy.js';
import { openSession } from '../../../main/xmpp/session/open-session.js';
import { MAX_STANZA_CHARS, MAX_STANZA_DEPTH } from '../../../main/xmpp/session/stream-guard.js';
import type { DisconnectedEvent } from '../../../main/xmpp/session/xmpp-session.js';
import { waitUntil } from '../../harness/wait-until.js';
import { SCRIPTED_DOMAIN, SCRIPTED_USERS, useScriptedServers } from '../../integration/xmpp/session/scripted-servers.js';
import { expectBehaviour } from '../behaviour-table.js';
import { passwordWords } from './hostile-world.js';

const DOMAIN = SCRIPTED_DOMAIN;
const USERS = SCRIPTED_USERS;
const STANZA_OPEN = "<message from='bob@hosted.test' to='alice@hosted.test/desk'><body>";

const scripted = useScriptedServers();

async function online() {
  const target = await scripted.server({ mode: 'direct-tls', script: { users: USERS } });
  const connection = await scripted.verified(target, true);
  const session = await openSession({
    connection,
    serverProof: 'pkix',
    domain: DOMAIN,
    credentials: { username: 'alice', password: USERS.alice },
    resource: 'desk',
    previousMechanism: null,
  });
  const ended = new Promise<DisconnectedEvent>((resolve) => session.on('disconnected', resolve));
  return { target, session, ended, server: target.connections[0]! };
}

const deep = (levels: number) => `<message>${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}</message>`;

describe('a verified server that sends what the parser must not take', () => {
  it.for([
    ['an oversized stanza', [STANZA_OPEN, 'x'.repeat(MAX_STANZA_CHARS), '</body></message>'], 'too-large', 'policy-violation'],
    ['an endless stanza', [STANZA_OPEN, ...Array.from({ length: 80 }, () => 'x'.repeat(64 * 1024))], 'too-large', 'policy-violation'],
    ['a stanza nested too deep', [deep(MAX_STANZA_DEPTH)], 'too-deep', 'policy-violation'],
    ['a DOCTYPE with entities', [`<!DOCTYPE message [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>`, `<message><body>&b;</body></message>`], 'restricted-xml', 'restricted-xml'],
    ['an undeclared entity reference', [`${STANZA_OPEN}&xxe;</body></message>`], 'restricted-xml', 'restricted-xml'],
    ['a reference to a character XML forbids', [`${STANZA_OPEN}&#0;</body></message>`], 'restricted-xml', 'restricted-xml'],
  ] as const)('%s: answered with a stream error, closed, reported, retried later', async ([, parts, kind, condition], context) => {
    const { session, ended, server } = await online();
    for (const part of parts) server.send(part);
    const event = await ended;
    expect(event.error).toBeInstanceOf(StreamRefusedError);
    expect((event.error as StreamRefusedError).violation).toMatchObject({ kind, condition });
    expect(event.error?.message).toMatch(/^Hostproof closed the connection because the server sent /);
    // The server was told why, in the stream's own terms, and the stream was closed.
    await server.closed();
    expect(server.receivedAfterTls()).toContain(`<stream:error><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`);
    // Retried, with backoff: the delays grow, so a server that repeats it does not cause a tight loop.
    expect(shouldReconnect(event.error)).toBe(true);
    expect(nextDelay(1, () => 0.99)).toBeLessThan(nextDelay(6, () => 0.99));
    const violation = event.error instanceof StreamRefusedError ? event.error.violation.kind : String(event.error);
    const told = server.receivedAfterTls().includes(`<stream:error><${condition} `) ? `<${condition}/> sent` : 'no stream error sent';
    expectBehaviour(context, {
      expected: `refused ${kind}; <${condition}/> sent; retry later; no password; offline`,
      got: `refused ${violation}; ${told}; ${shouldReconnect(event.error) ? 'retry later' : 'no retry'}; ${passwordWords(server.received(), USERS.alice)}; ${session.status === 'online' ? 'online' : 'offline'}`,
    });
    await session.close();
  });

  it('a large stanza under the limit and a nesting at the limit: taken (the control)', async (context) => {
    const { session, server } = await online();
    const bodies: string[] = [];
    session.on('stanza', (stanza) => bodies.push(stanza.getChildText('body') ?? `depth:${stanza.toString().split('<x').length - 1}`));
    server.send(`${STANZA_OPEN}${'y'.repeat(MAX_STANZA_CHARS - 1024)}</body></message>`);
    server.send(deep(MAX_STANZA_DEPTH - 1));
    await waitUntil(() => bodies.length === 2, 'both stanzas delivered', 10_000);
    expect(bodies[0]).toHaveLength(MAX_STANZA_CHARS - 1024);
    expect(bodies[1]).toBe(`depth:${MAX_STANZA_DEPTH - 1}`);
    expect(session.status).toBe('online');
    expectBehaviour(context, {
      expected: `2 of 2 stanzas taken; online`,
      got: `${bodies.length} of 2 stanzas taken; ${session.status}`,
    });
    await session.close();
  });
});
