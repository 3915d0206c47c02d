/**
 * Test helper: a TCP relay on loopback between the app and Prosody, the place where the network misbehaves.
 * It forwards bytes both ways unchanged (TLS runs end to end through it), and on the test's word it
 *   - resets every open connection (RST both ways, as a router that lost its state does),
 *   - goes silent: stops forwarding on every open connection without closing anything (half-open TCP: both
 *     ends still think the other is there), or
 *   - refuses new connections (each is reset as soon as it is accepted: the server is unreachable).
 * It records when each connection arrived, so a test can measure the spacing of the client's attempts.
 */
import net from 'node:net';

export interface TcpRelay {
  readonly port: number;
  /** Arrival time (ms, performance.now()) of every connection, refused ones included, in order. */
  readonly arrivals: readonly number[];
  /** Connections currently forwarded (neither reset nor silenced). */
  readonly forwarding: number;
  resetAll(): void;
  silenceAll(): void;
  /** While true, new connections are reset at once; while false they are forwarded. */
  refuseNew(refuse: boolean): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  live: boolean;
}

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const pairs = new Set<Pair>();
  const arrivals: number[] = [];
  let refusing = false;

  const server = net.createServer((client) => {
    arrivals.push(performance.now());
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target);
    const pair: Pair = { client, upstream, live: true };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      // A silenced path passes nothing on, not even a close: the other end keeps waiting (half-open).
      if (!pair.live) return;
      pairs.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The relay has no TCP port');

  return {
    port: address.port,
    arrivals,
    get forwarding() {
      return [...pairs].filter((p) => p.live).length;
    },
    resetAll: () => {
      for (const pair of [...pairs].filter((p) => p.live)) {
        pair.live = false;
        pair.client.resetAndDestroy();
        pair.upstream.resetAndDestroy();
        pairs.delete(pair);
      }
    },
    silenceAll: () => {
      for (const pair of pairs) {
        if (!pair.live) continue;
        pair.live = false;
        // Stop moving bytes, but keep both sockets open: neither end learns anything from TCP. Reading is
        // paused too, so what either end sends piles up in the kernel as it would on a dead path.
        pair.client.unpipe(pair.upstream);
        pair.upstream.unpipe(pair.client);
        pair.client.pause();
        pair.upstream.pause();
      }
    },
    refuseNew: (refuse) => {
      refusing = refuse;
    },
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
