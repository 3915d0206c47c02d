/**
 * Opens one encrypted connection to one candidate endpoint and captures what the server presented, without
 * judging it: chain validation is read from OpenSSL (against the roots we pass), name matching and the rest
 * of the verdict happen in main/trust. SNI is always the JID domain, for STARTTLS and direct TLS alike
 * (posh.md §7.3); the SRV target is never what we check the certificate against.
 */
import net from 'node:net';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import { StreamNegotiationError } from './errors.js';
import { negotiateStartTls } from './starttls-negotiation.js';

import type { Address, NameLookup } from '../net/name-lookup.js';
import { MIN_TLS_VERSION, type SecureContexts } from '../net/secure-contexts.js';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly directTls: boolean;
}

export interface SecureConnectOptions {
  /** The JID domain as an A-label: the SNI name and the reference identity. */
  readonly domain: string;
  readonly endpoint: Endpoint;
  /** Resolves the endpoint's host (injected: tests and --resolve use their own). */
  readonly lookup: NameLookup;
  /** Trusted roots (PEM) for the chain check: the caller passes the system roots plus any the user added. */
  readonly ca: readonly string[];
  /** Reuses one secure context per root set (secure-contexts.ts); absent: one is built for this connection. */
  readonly secureContexts?: SecureContexts;
  /** curl's --connect-to: dial another host:port while SNI and every check still use the endpoint's names. */
  readonly connectTo?: (host: string, port: number) => { readonly host: string; readonly port: number };
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface SecuredConnection {
  readonly socket: TLSSocket;
  readonly endpoint: Endpoint;
  readonly address: Address;
  /** DER of each certificate the server sent, leaf first. */
  readonly chain: readonly Buffer[];
  /** OpenSSL's chain verdict against `ca` (names are NOT part of this: we match them ourselves). */
  readonly chainAuthorized: boolean;
  readonly chainError: string | null;
}

export function endpointLabel(endpoint: Endpoint): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}

export async function secureConnect(options: SecureConnectOptions): Promise<SecuredConnection> {
  const label = endpointLabel(options.endpoint);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const dial = options.connectTo?.(options.endpoint.host, options.endpoint.port) ?? options.endpoint;
  const addresses = net.isIP(dial.host)
    ? [{ address: dial.host, family: net.isIP(dial.host) as 4 | 6 }]
    : await options.lookup(dial.host);
  if (addresses.length === 0) throw new StreamNegotiationError(label, 'its name has no address');

  let lastError: Error | null = null;
  for (const address of addresses) {
    try {
      const tcp = await connectTcp(address, dial.port, timeoutMs, options.signal);
      if (!options.endpoint.directTls) {
        await negotiateStartTls(tcp, { domain: options.domain, endpoint: label, timeoutMs, signal: options.signal });
      }
      const socket = await handshake(tcp, options, timeoutMs);
      return {
        socket,
        endpoint: options.endpoint,
        address,
        chain: peerChain(socket),
        chainAuthorized: socket.authorized,
        chainError: socket.authorized ? null : String(socket.authorizationError ?? 'unknown chain error'),
      };
    } catch (error) {
      lastError = error as Error;
      // A TLS or stream-level failure is about this server, not this address: do not try the next address.
      if (!(error instanceof TcpConnectError)) throw error;
    }
  }
  throw lastError ?? new StreamNegotiationError(label, 'no address could be reached');
}

class TcpConnectError extends Error {
  override name = 'TcpConnectError';
}

function connectTcp(address: Address, port: number, timeoutMs: number, signal?: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address.address, port, family: address.family });
    const fail = (message: string) => {
      cleanup();
      socket.destroy();
      reject(new TcpConnectError(message));
    };
    const onError = (error: Error) => fail(error.message);
    const onAbort = () => fail('cancelled');
    const timer = setTimeout(() => fail(`no TCP connection within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}

function handshake(tcp: net.Socket, options: SecureConnectOptions, timeoutMs: number): Promise<TLSSocket> {
  const label = endpointLabel(options.endpoint);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: tcp,
      servername: options.domain,
      ...(options.secureContexts ? { secureContext: options.secureContexts(options.ca) } : { ca: [...options.ca] }),
      // We judge the chain and the names ourselves (posh.md §9): OpenSSL's result is read from
      // `authorized`, and Node's own name check, which knows nothing of SRV-ID or XmppAddr, is switched off.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ALPNProtocols: options.endpoint.directTls ? ['xmpp-client'] : undefined,
      minVersion: MIN_TLS_VERSION,
    });
    const fail = (message: string) => {
      cleanup();
      socket.destroy();
      reject(new StreamNegotiationError(label, message));
    };
    const onError = (error: Error) => fail(`TLS failed: ${error.message}`);
    const onAbort = () => fail('cancelled');
    const timer = setTimeout(() => fail(`no TLS handshake within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
    };
    socket.once('error', onError);
    options.signal?.addEventListener('abort', onAbort);
    socket.once('secureConnect', () => {
      cleanup();
      resolve(socket);
    });
  });
}

/** Walks the peer chain as sent. getPeerCertificate(true) links issuers; a self-reference ends the walk. */
function peerChain(socket: TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let cert: PeerCertificate | undefined = socket.getPeerCertificate(true) as PeerCertificate | undefined;
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(Buffer.from(cert.raw));
    const next = (cert as { issuerCertificate?: PeerCertificate }).issuerCertificate;
    if (!next || next === cert) break;
    cert = next;
  }
  return chain;
}
