/**
 * A TCP proxy on 127.0.0.1 that adds network delay: every chunk, in either direction, is passed on `oneWayMs`
 * after it arrived, in the order it arrived, so a request and its answer cost one round trip of 2 × oneWayMs.
 * Put it between a client and a local server (Prosody, the POSH HTTPS server) to see what round trips cost.
 *
 * What it cannot delay: the TCP handshake itself (the kernel completes it on loopback before the proxy
 * accepts), so a connection's set-up costs nothing here where a real network would charge a round trip.
 *
 * It also counts the client's flights: a chunk from the client that follows data from the server (or is the
 * first on its connection) starts a flight. A flight the server answers is one round trip the client waited
 * for, so `flights` is the number of round trips each connection took (a last flight nobody answers, such as
 * a closing `</stream:stream>`, counts too).
 */
import net from 'node:net';

export interface DelayProxyOptions {
  /** Where the proxy forwards to. */
  readonly target: { readonly host: string; readonly port: number };
  /** Delay added to each direction. */
  readonly oneWayMs: number;
}

export interface ProxiedConnection {
  /** Client flights on this connection so far. */
  readonly flights: number;
  readonly openedAt: number;
}

export interface DelayProxy {
  readonly port: number;
  /** Every connection accepted since the last `resetCounts()`, in order. */
  readonly connections: readonly ProxiedConnection[];
  /** Sum of client flights over those connections. */
  flights(): number;
  resetCounts(): void;
  /** Stops listening and ends every open connection at once. */
  close(): Promise<void>;
}

/** Passes chunks on `delayMs` after they came, in order, and ends the far side once everything before the end went. */
class DelayedPipe {
  readonly #queue: Array<{ at: number; chunk: Buffer | null }> = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly to: net.Socket,
    private readonly delayMs: number,
  ) {}

  push(chunk: Buffer | null): void {
    this.#queue.push({ at: Date.now() + this.delayMs, chunk });
    this.#schedule();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue.length = 0;
  }

  #schedule(): void {
    if (this.#timer || this.#queue.length === 0) return;
    const next = this.#queue[0];
    if (!next) return;
    this.#timer = setTimeout(() => this.#flush(), Math.max(0, next.at - Date.now()));
  }

  #flush(): void {
    this.#timer = null;
    const now = Date.now();
    while (this.#queue.length > 0 && (this.#queue[0]?.at ?? Infinity) <= now) {
      const { chunk } = this.#queue.shift() as { at: number; chunk: Buffer | null };
      if (this.to.destroyed) return this.stop();
      if (chunk === null) this.to.end();
      else this.to.write(chunk);
    }
    this.#schedule();
  }
}

export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  let connections: Array<{ flights: number; openedAt: number }> = [];

  // Half-open on both sides: an end is passed on late like data, so neither socket may end itself early.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const record = { flights: 0, openedAt: Date.now() };
    connections.push(record);
    const upstream = net.connect({ host: options.target.host, port: options.target.port, allowHalfOpen: true });
    sockets.add(client);
    sockets.add(upstream);
    const toUpstream = new DelayedPipe(upstream, options.oneWayMs);
    const toClient = new DelayedPipe(client, options.oneWayMs);
    let serverSpokeLast = true;

    client.on('data', (chunk: Buffer) => {
      if (serverSpokeLast) record.flights += 1;
      serverSpokeLast = false;
      toUpstream.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      serverSpokeLast = true;
      toClient.push(chunk);
    });
    // A half-close travels like data: after what came before it, one delay later.
    let clientEnded = false;
    let upstreamEnded = false;
    client.on('end', () => {
      clientEnded = true;
      toUpstream.push(null);
    });
    upstream.on('end', () => {
      upstreamEnded = true;
      toClient.push(null);
    });
    const teardown = () => {
      toUpstream.stop();
      toClient.stop();
      client.destroy();
      upstream.destroy();
    };
    // A reset is not delayed: either side failing ends both at once.
    client.on('error', teardown);
    upstream.on('error', teardown);
    // A side that went away without ending: once its data has gone, the other side sees the end.
    client.on('close', () => {
      sockets.delete(client);
      if (!clientEnded) toUpstream.push(null);
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (!upstreamEnded) toClient.push(null);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the delay proxy did not get a TCP port');

  return {
    port: address.port,
    get connections() {
      return connections;
    },
    flights: () => connections.reduce((sum, c) => sum + c.flights, 0),
    resetCounts: () => {
      connections = [];
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
