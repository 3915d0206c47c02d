/**
 * The pre-TLS conversation against scripted hostile servers on loopback: each records every byte the client
 * sent, so the tests prove nothing but the stream header (and <starttls/> when offered) leaves in the clear.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamNegotiationError, TlsRequiredError } from '../../../main/xmpp/errors.js';
import { negotiateStartTls, streamHeader } from '../../../main/xmpp/starttls-negotiation.js';
import { expectBehaviour } from '../behaviour-table.js';

const STREAM_OPEN =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='hosted.test' id='s1' version='1.0'>";

interface Scripted {
  readonly port: number;
  readonly received: () => string;
  /** Resolves once the (first) connection is closed on both sides: by then everything the client sent is here. */
  closed(): Promise<void>;
  close(): Promise<void>;
}

const servers: Scripted[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function scriptedServer(onData: (socket: net.Socket, received: string) => void): Promise<Scripted> {
  let received = '';
  const sockets = new Set<net.Socket>();
  let hungUp!: () => void;
  const closed = new Promise<void>((resolve) => (hungUp = resolve));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => hungUp());
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      onData(socket, received);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const s: Scripted = {
    port: (server.address() as net.AddressInfo).port,
    received: () => received,
    closed: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

const negotiate = (socket: net.Socket, timeoutMs = 3000) =>
  negotiateStartTls(socket, { domain: 'hosted.test', endpoint: 'test-server', timeoutMs });

const STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

/** What the client sent in the clear, in the words of the rows. */
function clearText(received: string): string {
  if (received === streamHeader('hosted.test')) return 'sent only our header';
  if (received === streamHeader('hosted.test') + STARTTLS) return 'sent only header, <starttls/>';
  return `sent ${received.length} other chars`;
}

/** How an attempt ended, in the words of the rows. */
async function outcome(attempt: Promise<void>): Promise<string> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return 'proceeded';
  if (error instanceof TlsRequiredError) return 'refused: no TLS';
  if (error instanceof StreamNegotiationError) return 'refused';
  return `threw ${String(error)}`;
}

/**
 * A barrier instead of a sleep: our side of the connection ends, and once the server has seen it close, TCP has
 * delivered everything the client wrote before; anything it (wrongly) might have sent would be in by then.
 */
async function hangUp(socket: net.Socket, server: Scripted): Promise<void> {
  socket.end();
  await server.closed();
}

describe('STARTTLS negotiation', () => {
  it('a server that answers <proceed/>: only header and <starttls/> in the clear (the control)', async (context) => {
    const server = await scriptedServer((socket, received) => {
      if (received.endsWith("version='1.0' xml:lang='en'>")) {
        socket.write(STREAM_OPEN + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
      } else if (received.includes('<starttls')) {
        socket.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
      }
    });
    const socket = await connect(server.port);
    const ended = await outcome(negotiate(socket));
    await hangUp(socket, server);
    expect(server.received()).toBe(streamHeader('hosted.test') + STARTTLS);
    expectBehaviour(context, { expected: 'proceeded; sent only header, <starttls/>', got: `${ended}; ${clearText(server.received())}` });
  });

  it('a server that offers no STARTTLS: refused, nothing sent after its features', async (context) => {
    const server = await scriptedServer((socket, received) => {
      if (received.includes('<stream:stream')) {
        socket.write(STREAM_OPEN + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
      }
    });
    const socket = await connect(server.port);
    const ended = await outcome(negotiate(socket));
    await hangUp(socket, server);
    expect(server.received()).not.toMatch(/auth|PLAIN|starttls/i);
    expectBehaviour(context, { expected: 'refused: no TLS; sent only our header', got: `${ended}; ${clearText(server.received())}` });
  });

  it.for([
    ['refuses TLS', "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>", "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", /refused to start TLS/],
    ['sends a stream error', "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>", '', /host-unknown/],
    ['sends malformed XML', '<stream:features><a></b>', '', /malformed XML/],
    // ltx would throw out of the socket's data handler on this (an uncaught exception), or swallow the stream.
    ['sends an undeclared entity', '<stream:features><x>&xxe;</x></stream:features>', '', /not allowed \(restricted-xml\)/],
    ['sends a DOCTYPE with entities', '<!DOCTYPE f [<!ENTITY a "b">]><stream:features/>', '', /not allowed \(restricted-xml\)/],
    ['nests too deep', `<stream:features>${'<x>'.repeat(40)}`, '', /not allowed \(too-deep\)/],
  ] as const)('a server that %s before TLS: refused, saying why, nothing more sent', async ([, first, second, message], context) => {
    const server = await scriptedServer((socket, received) => {
      if (received.endsWith("xml:lang='en'>")) socket.write(STREAM_OPEN + first);
      else if (second && received.includes('<starttls')) socket.write(second);
    });
    const attempt = negotiate(await connect(server.port));
    await expect(attempt).rejects.toThrow(message);
    // The client destroyed its socket when it refused: once the server sees the close, all it sent is here.
    await server.closed();
    const expectedClear = second ? 'sent only header, <starttls/>' : 'sent only our header';
    expectBehaviour(context, { expected: `refused; ${expectedClear}`, got: `${await outcome(attempt)}; ${clearText(server.received())}` });
  });

  it('a server that stays silent: given up after the timeout', async (context) => {
    const server = await scriptedServer(() => undefined);
    const attempt = negotiate(await connect(server.port), 200);
    await expect(attempt).rejects.toThrow(/no answer within 200 ms/);
    await server.closed();
    expectBehaviour(context, { expected: 'refused; sent only our header', got: `${await outcome(attempt)}; ${clearText(server.received())}` });
  });

  it('a server that floods data before TLS: refused after 64 KiB', async (context) => {
    const server = await scriptedServer((socket, received) => {
      if (received.endsWith("xml:lang='en'>")) socket.write(STREAM_OPEN + '<stream:features>' + '<x/>'.repeat(40_000));
    });
    const attempt = negotiate(await connect(server.port));
    await expect(attempt).rejects.toThrow(/too much data/);
    await server.closed();
    expectBehaviour(context, { expected: 'refused; sent only our header', got: `${await outcome(attempt)}; ${clearText(server.received())}` });
  });

  it('a server that hangs up mid-negotiation: reported as closed', async (context) => {
    const server = await scriptedServer((socket) => socket.end());
    const attempt = negotiate(await connect(server.port));
    await expect(attempt).rejects.toThrow(/closed/);
    expectBehaviour(context, { expected: 'refused', got: await outcome(attempt) });
  });
});
