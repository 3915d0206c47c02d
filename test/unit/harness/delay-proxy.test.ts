/** The connect benchmark's delay proxy must add its delay each way, keep the order, count flights and close cleanly. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from '../../harness/delay-proxy.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that answers each chunk with "ok:<chunk>" and ends when the client ends. */
async function startEchoServer(): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      received.push(chunk.toString());
      socket.write(`ok:${chunk.toString()}`);
    });
    socket.on('end', () => socket.end());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, received };
}

async function proxyTo(port: number, oneWayMs: number): Promise<DelayProxy> {
  const proxy = await startDelayProxy({ target: { host: '127.0.0.1', port }, oneWayMs });
  cleanups.push(() => proxy.close());
  return proxy;
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `text` and resolves with the answer once `expected` bytes came. */
function exchange(socket: net.Socket, text: string, expected: number): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.length >= expected) {
        socket.off('data', onData);
        resolve(answer);
      }
    };
    socket.on('data', onData);
    socket.write(text);
  });
}

describe('startDelayProxy', () => {
  it('costs a round trip of twice the one-way delay, and counts one flight per request answered', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port, 40);
    const socket = await connect(proxy.port);
    cleanups.push(async () => void socket.destroy());

    const started = Date.now();
    expect(await exchange(socket, 'one', 'ok:one'.length)).toBe('ok:one');
    const first = Date.now() - started;
    expect(await exchange(socket, 'two', 'ok:two'.length)).toBe('ok:two');
    const both = Date.now() - started;

    expect(first).toBeGreaterThanOrEqual(80);
    expect(both).toBeGreaterThanOrEqual(160);
    expect(proxy.flights()).toBe(2);
    expect(proxy.connections).toHaveLength(1);
  });

  it('keeps the order of chunks written together, and counts them as one flight', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port, 20);
    const socket = await connect(proxy.port);
    cleanups.push(async () => void socket.destroy());

    const answers = await new Promise<string>((resolve) => {
      let all = '';
      socket.on('data', (chunk: Buffer) => {
        all += chunk.toString();
        if (all.replace(/ok:/g, '').length >= 'abc'.length) resolve(all);
      });
      socket.write('a');
      socket.write('b');
      socket.write('c');
    });

    expect(answers.replace(/ok:/g, '')).toBe('abc');
    expect(echo.received.join('')).toBe('abc');
    expect(proxy.flights()).toBe(1);
  });

  it('passes an end on after the data before it, so the server ends too and the client sees the close', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port, 20);
    const socket = await connect(proxy.port);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.end('last');
    await closed;

    expect(echo.received).toEqual(['last']);
    expect(answer).toBe('ok:last');
  });
});
