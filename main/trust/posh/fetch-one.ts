/**
 * One HTTPS GET for POSH, with nothing automatic: no redirect following, no HTTP cache, no retry. Web-PKI
 * validation stays fully on (chain to the given roots, expiry, and the name of the URL's host), because a
 * POSH document is only worth what the TLS connection that carried it proves.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { createNameLookup, type Address as ResolvedAddress } from '../../net/name-lookup.js';
import { createAddressPolicy, describeInternalAddress, type InternalAddressKind } from '../../net/address-policy.js';
import type { SecureContexts } from '../../net/secure-contexts.js';

const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type { ResolvedAddress };

export interface DialTarget {
  readonly host: string;
  readonly port: number;
}

export interface PoshFetchOptions {
  /** Trusted roots as PEM (system roots plus the user's). Absent: Node's default roots. */
  readonly ca?: readonly string[];
  /** Reuses one secure context per root set, shared with the XMPP connection (absent: one per request). */
  readonly secureContexts?: SecureContexts;
  /** Name resolution for the host actually dialled. Absent: the system resolver. */
  readonly lookup?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
  /**
   * Dial somewhere else (like curl's --connect-to) while SNI, the Host header and the certificate name
   * check stay on the URL's host.
   */
  readonly connectTo?: (host: string, port: number) => DialTarget;
  /** Per-request time limit, connection to last body byte. Default 5 s. */
  readonly requestTimeoutMs?: number;
  /** Largest body accepted. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * TEST ONLY: lets a redirect or reference reach names that resolve to loopback or private addresses,
   * for test worlds whose DNS and web servers live on 127.0.0.1. The app and the CLI never set it and it
   * is never read from the environment; IP literals stay refused even with it.
   */
  readonly allowPrivateAddressesForTests?: boolean;
}

/**
 * `first`: the well-known URL on the JID domain itself, which the user named. `later`: a redirect target
 * or a reference `url`, which a remote party chose, so it may not point into the user's own network.
 */
export type PoshHop = 'first' | 'later';

export type FetchOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly location: string | null; readonly body: string }
  | { readonly kind: 'tls-error'; readonly detail: string }
  | { readonly kind: 'network-error'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string }
  | { readonly kind: 'too-large'; readonly detail: string }
  | { readonly kind: 'aborted'; readonly detail: string }
  /** Not requested: a later hop named an IP literal or resolved into the user's own network. */
  | { readonly kind: 'refused'; readonly detail: string };

/** Thrown from the guarded lookup, so the refusal happens between resolving and connecting. */
class InternalAddressError extends Error {
  readonly code = 'ERR_POSH_INTERNAL_ADDRESS';
  constructor(host: string, address: string, kind: InternalAddressKind) {
    super(`${host} resolves to ${address}, ${describeInternalAddress(kind)}; a redirect or reference may not lead into your own network`);
  }
}

/** OpenSSL/Node codes that mean "the certificate did not validate", whenever they surface. */
const CERTIFICATE_ERROR_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function fetchOne(url: URL, options: PoshFetchOptions, hop: PoshHop, signal?: AbortSignal): Promise<FetchOutcome> {
  if (url.protocol !== 'https:') {
    return Promise.resolve({ kind: 'network-error', detail: 'refused: POSH is only fetched over https' });
  }
  if (signal?.aborted) return Promise.resolve({ kind: 'aborted', detail: 'cancelled before the request' });

  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // URL.hostname keeps IPv6 brackets; the TLS and DNS layers want the bare name.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 443 : Number(url.port);
  if (hop === 'later' && isIP(hostname) !== 0) {
    return Promise.resolve({ kind: 'refused', detail: `${url.host} is an IP address, not a DNS name; a redirect or reference must name a host` });
  }
  let dial: DialTarget;
  try {
    dial = options.connectTo ? options.connectTo(hostname, port) : { host: hostname, port };
  } catch (error) {
    return Promise.resolve({ kind: 'network-error', detail: `cannot choose where to connect: ${String(error)}` });
  }
  // A host the user redirected by hand (--connect-to) is the user's choice, not the remote party's.
  const dialledByHand = dial.host.toLowerCase() !== hostname.toLowerCase();
  const lookup =
    hop === 'later' && !dialledByHand && options.allowPrivateAddressesForTests !== true
      ? guardedLookup(options.lookup ?? createNameLookup())
      : (options.lookup ?? createNameLookup());

  return new Promise<FetchOutcome>((resolve) => {
    let settled = false;
    let tcpConnected = false;
    let tlsDone = false;
    let request: ClientRequest | null = null;

    const finish = (outcome: FetchOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(outcome);
    };
    const failed = (error: NodeJS.ErrnoException): void => {
      if (error instanceof InternalAddressError) {
        finish({ kind: 'refused', detail: error.message });
        return;
      }
      const code = error.code ?? '';
      const detail = code ? `${code}: ${error.message}` : error.message;
      if (CERTIFICATE_ERROR_CODES.has(code) || (tcpConnected && !tlsDone)) finish({ kind: 'tls-error', detail });
      else finish({ kind: 'network-error', detail });
    };

    const timer = setTimeout(
      () => finish({ kind: 'timeout', detail: `no complete answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    const onAbort = (): void => finish({ kind: 'aborted', detail: 'cancelled' });
    signal?.addEventListener('abort', onAbort, { once: true });

    const send = (addresses: readonly ResolvedAddress[]): ClientRequest => {
      const sent = https.request({
        method: 'GET',
        host: dial.host,
        port: dial.port,
        path: `${url.pathname}${url.search}`,
        headers: {
          Host: url.host,
          Accept: 'application/json, */*',
          'Accept-Encoding': 'identity',
          // POSH lifetime comes from `expires` only; ask every cache on the way to step aside.
          'Cache-Control': 'no-cache',
        },
        // A fresh agent per request: no pooled connection validated under other options is ever reused.
        agent: false,
        ...(options.ca ? (options.secureContexts ? { secureContext: options.secureContexts(options.ca) } : { ca: [...options.ca] }) : {}),
        // The checked answer is the one connected to: no second lookup that a rebinding DNS could change.
        lookup: adaptLookup(() => Promise.resolve(addresses)),
        // SNI names the URL's host (an IP literal gets none, as TLS requires), wherever we dial.
        servername: isIP(hostname) === 0 ? hostname : '',
        rejectUnauthorized: true,
        // The name check is pinned to the URL's host explicitly, so connectTo can never shift it.
        checkServerIdentity: (_dialled: string, cert: PeerCertificate) => checkServerIdentity(hostname, cert),
      });
      sent.on('socket', (socket) => {
        socket.once('connect', () => {
          tcpConnected = true;
        });
        socket.once('secureConnect', () => {
          tlsDone = true;
        });
      });
      sent.on('error', failed);
      sent.on('response', (response: IncomingMessage) => onResponse(response));
      sent.end();
      return sent;
    };

    const onResponse = (response: IncomingMessage): void => {
      const status = response.statusCode ?? 0;
      const location = typeof response.headers.location === 'string' ? response.headers.location : null;
      if (status < 200 || status > 299) {
        // Only 2xx bodies are ever read: a redirect or error page carries nothing POSH needs.
        finish({ kind: 'response', status, location, body: '' });
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBody) {
        finish({ kind: 'too-large', detail: `the server announced ${declared} bytes; the limit is ${maxBody}` });
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > maxBody) {
          finish({ kind: 'too-large', detail: `the body exceeded ${maxBody} bytes` });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        finish({ kind: 'response', status, location, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => finish({ kind: 'network-error', detail: error.message }));
      response.on('aborted', () => finish({ kind: 'network-error', detail: 'the server closed the connection mid-body' }));
    };

    // The name is resolved before the request is made: making it builds (or fetches) the secure context,
    // which is CPU work better done while the DNS answer travels than before the question leaves.
    const literal = isIP(dial.host);
    const addresses = literal !== 0 ? Promise.resolve([{ address: dial.host, family: literal as 4 | 6 }]) : lookup(dial.host);
    addresses.then(
      (resolved) => {
        if (!settled) request = send(resolved);
      },
      (error: unknown) => failed(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

/** Resolve, then refuse the whole answer if any address (not fixed by hand) is internal. */
function guardedLookup(
  lookup: (hostname: string) => Promise<readonly ResolvedAddress[]>,
): (hostname: string) => Promise<readonly ResolvedAddress[]> {
  const policy = createAddressPolicy();
  return async (hostname) => {
    const addresses = await lookup(hostname);
    for (const answer of addresses) {
      if (answer.mappedByHand === true) continue;
      const kind = policy.kindOf(answer.address);
      if (kind !== null) throw new InternalAddressError(hostname, answer.address, kind);
    }
    return addresses;
  };
}

type NodeLookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Node 20 calls a custom lookup with `{ all: true }` (autoSelectFamily) and then needs the array form.
 * Shared with the file transfers (main/files/https-transfer.ts), which dial the same way.
 */
export function adaptLookup(
  lookup: (hostname: string) => Promise<readonly ResolvedAddress[]>,
): (hostname: string, options: { all?: boolean }, callback: NodeLookupCallback) => void {
  return (hostname, lookupOptions, callback) => {
    lookup(hostname).then(
      (addresses) => {
        const first = addresses[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, '', 0);
          return;
        }
        if (lookupOptions.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, first.address, first.family);
      },
      (error: unknown) => {
        const failure: NodeJS.ErrnoException = error instanceof Error ? error : new Error(String(error));
        callback(failure, '', 0);
      },
    );
  };
}
