/**
 * The pre-TLS conversation against scripted hostile servers on loopback: each records every byte the client
 * sent, so the tests prove nothing but the stream header (and <starttls/> when offered) leaves in the clear.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamNegotiationError, TlsRequiredError } from '../../../main/xmpp/errors.js';
import { negotiateStartTls, streamHeader } from '../../../main/xmpp/starttls-negotiation.js';

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

/**
 * A barrier instead of a sleep: our side of the connection ends, and once the server has seen it close, TCP has
 * delivered everything the client wrote before; anything it (wrongly) might have sent would be in by then.
 */
async function hangUp(socket: net.Socket, server: Scripted): Promise<void> {
  socket.end();
  await server.closed();
}

describe('STARTTLS negotiation', () => {
  it('sends only the stream header and <starttls/>, and resolves on <proceed/>', async () => {
    const server = await scriptedServer((socket, received) => {
      if (received.endsWith("version='1.0' xml:lang='en'>")) {
        socket.write(STREAM_OPEN + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
      } else if (received.includes('<starttls')) {
        socket.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
      }
    });
    const socket = await connect(server.port);
    await negotiate(socket);
    await hangUp(socket, server);
    expect(server.received()).toBe(streamHeader('hosted.test') + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  });

  it('refuses a server that offers no STARTTLS and sends nothing after its features', async () => {
    const server = await scriptedServer((socket, received) => {
      if (received.includes('<stream:stream')) {
        socket.write(STREAM_OPEN + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
      }
    });
    const socket = await connect(server.port);
    await expect(negotiate(socket)).rejects.toBeInstanceOf(TlsRequiredError);
    await hangUp(socket, server);
    expect(server.received()).toBe(streamHeader('hosted.test'));
    expect(server.received()).not.toMatch(/auth|PLAIN|starttls/i);
  });

  it.each([
    ['refuses TLS', "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>", "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", /refused to start TLS/],
    ['sends a stream error', "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>", '', /host-unknown/],
    ['sends malformed XML', '<stream:features><a></b>', '', /malformed XML/],
    // ltx would throw out of the socket's data handler on this (an uncaught exception), or swallow the stream.
    ['sends an undeclared entity', '<stream:features><x>&xxe;</x></stream:features>', '', /not allowed \(restricted-xml\)/],
    ['sends a DOCTYPE with entities', '<!DOCTYPE f [<!ENTITY a "b">]><stream:features/>', '', /not allowed \(restricted-xml\)/],
    ['nests too deep', `<stream:features>${'<x>'.repeat(40)}`, '', /not allowed \(too-deep\)/],
  ])('fails clearly when the server %s', async (_label, first, second, message) => {
    const server = await scriptedServer((socket, received) => {
      if (received.endsWith("xml:lang='en'>")) socket.write(STREAM_OPEN + first);
      else if (second && received.includes('<starttls')) socket.write(second);
    });
    const attempt = negotiate(await connect(server.port));
    await expect(attempt).rejects.toBeInstanceOf(StreamNegotiationError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('gives up on a silent server after the timeout', async () => {
    const server = await scriptedServer(() => undefined);
    await expect(negotiate(await connect(server.port), 200)).rejects.toThrow(/no answer within 200 ms/);
  });

  it('refuses a server that floods data before encryption', async () => {
    const server = await scriptedServer((socket, received) => {
      if (received.endsWith("xml:lang='en'>")) socket.write(STREAM_OPEN + '<stream:features>' + '<x/>'.repeat(40_000));
    });
    await expect(negotiate(await connect(server.port))).rejects.toThrow(/too much data/);
  });

  it('reports a server that hangs up mid-negotiation', async () => {
    const server = await scriptedServer((socket) => socket.end());
    await expect(negotiate(await connect(server.port))).rejects.toThrow(/closed/);
  });
});
