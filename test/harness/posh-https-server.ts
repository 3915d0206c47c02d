/**
 * One HTTPS server on 127.0.0.1 (ephemeral port) that plays many web hosts: SNI picks each host's
 * certificate, and requests are routed by (Host, path) to scenario answers.
 *
 *   const server = await startPoshHttpsServer({ sites: { 'example.test': web, 'hosting.test': hostingWeb } });
 *   server.route('example.test', '/.well-known/posh/xmpp-client.json', { kind: 'json', body: { url: '...', expires: 60 } });
 *   const fetchOptions = { ca: [ca.certPem], ...server.dial };   // connectTo + lookup pointing here
 *   ...
 *   await server.close();
 *
 * A path with no route answers 404, like a web server without POSH. An SNI name with no site fails the
 * handshake. Every request is recorded in `requests` (host, SNI name, path, headers) for assertions.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { DialTarget, ResolvedAddress } from '../../main/trust/posh/fetch-one.js';

export interface SiteCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

export type PoshRoute =
  /** `body` serialised with JSON.stringify; status 200 unless given. */
  | { readonly kind: 'json'; readonly body: unknown; readonly status?: number }
  /** A raw body (malformed JSON, a BOM, anything; bytes too, e.g. an encrypted file). */
  | { readonly kind: 'text'; readonly body: string | Uint8Array; readonly status?: number; readonly contentType?: string }
  /** An empty answer with this status (403, 404, 500, ...). */
  | { readonly kind: 'status'; readonly status: number }
  /** `location` is sent as given: absolute, relative, or `http:` to test downgrades. */
  | { readonly kind: 'redirect'; readonly status: RedirectStatus; readonly location: string }
  /** Headers and the first byte at once, the rest of `body` after `delayMs`. */
  | { readonly kind: 'slow'; readonly body: string; readonly delayMs: number }
  /** `bytes` of filler; with `announceLength` a Content-Length header says so up front. */
  | { readonly kind: 'huge'; readonly bytes: number; readonly announceLength?: boolean }
  /** Accept the request and never answer. */
  | { readonly kind: 'hang' };

export interface RecordedRequest {
  /** Host header without port, lower-cased. */
  readonly host: string;
  /** The SNI name the client sent, or null. */
  readonly servername: string | null;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
}

export interface PoshHttpsServerOptions {
  /** Host name -> the certificate served for that SNI name. More can be added with `addSite`. */
  readonly sites: Readonly<Record<string, SiteCertificate>>;
}

export interface PoshHttpsServer {
  readonly port: number;
  /** What `fetchOptions` need to reach this server for any host name: spread it next to `ca`. */
  readonly dial: {
    /** Keeps the URL's host (so SNI and the name check stay on it) and swaps in this server's port. */
    readonly connectTo: (host: string, port: number) => DialTarget;
    /** Resolves every name to 127.0.0.1. */
    readonly lookup: (hostname: string) => Promise<readonly ResolvedAddress[]>;
  };
  readonly requests: readonly RecordedRequest[];
  addSite(host: string, certificate: SiteCertificate): void;
  /** Set (or replace) the answer for one host and path. */
  route(host: string, path: string, route: PoshRoute): void;
  unroute(host: string, path: string): void;
  /** Forget all routes and recorded requests (sites stay). */
  reset(): void;
  close(): Promise<void>;
}

export async function startPoshHttpsServer(options: PoshHttpsServerOptions): Promise<PoshHttpsServer> {
  const contexts = new Map<string, SecureContext>();
  const addSite = (host: string, certificate: SiteCertificate): void => {
    contexts.set(host.toLowerCase(), createSecureContext({ cert: certificate.certPem, key: certificate.keyPem }));
  };
  for (const [host, certificate] of Object.entries(options.sites)) addSite(host, certificate);
  const first = Object.values(options.sites)[0];
  if (first === undefined) throw new Error('startPoshHttpsServer needs at least one site');

  const routes = new Map<string, PoshRoute>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const key = (host: string, path: string): string => `${host.toLowerCase()} ${path}`;

  const server = https.createServer(
    {
      cert: first.certPem,
      key: first.keyPem,
      SNICallback: (servername, callback) => {
        const context = contexts.get(servername.toLowerCase());
        if (context) callback(null, context);
        else callback(new Error(`no test site for ${servername}`));
      },
    },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const path = req.url ?? '/';
      const tlsSocket = req.socket as Socket & { servername?: string | false };
      requests.push({
        host,
        servername: typeof tlsSocket.servername === 'string' ? tlsSocket.servername : null,
        path,
        headers: req.headers,
      });
      answer(routes.get(key(host, path)) ?? { kind: 'status', status: 404 }, res, timers);
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A handshake refused by SNICallback is expected in some scenarios; keep it off stderr.
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    dial: {
      connectTo: (host) => ({ host, port }),
      lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
    },
    requests,
    addSite,
    route: (host, path, route) => {
      routes.set(key(host, path), route);
    },
    unroute: (host, path) => {
      routes.delete(key(host, path));
    },
    reset: () => {
      routes.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function answer(route: PoshRoute, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  switch (route.kind) {
    case 'json': {
      const body = JSON.stringify(route.body);
      res.writeHead(route.status ?? 200, { 'Content-Type': 'application/json' }).end(body);
      return;
    }
    case 'text':
      res.writeHead(route.status ?? 200, { 'Content-Type': route.contentType ?? 'application/json' }).end(route.body);
      return;
    case 'status':
      res.writeHead(route.status).end();
      return;
    case 'redirect':
      res.writeHead(route.status, { Location: route.location }).end();
      return;
    case 'slow': {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(route.body.slice(0, 1));
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) res.end(route.body.slice(1));
      }, route.delayMs);
      timers.add(timer);
      return;
    }
    case 'huge': {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        ...(route.announceLength ? { 'Content-Length': String(route.bytes) } : {}),
      });
      streamFiller(res, route.bytes);
      return;
    }
    case 'hang':
      return;
  }
}

/** Writes `bytes` of filler with back-pressure, stopping when the client goes away. */
function streamFiller(res: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(16 * 1024, 0x20);
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => undefined);
  pump();
}
