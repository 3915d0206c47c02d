/**
 * The HTTPS requests of shared files (XEP-0363 uploads, downloads of links others sent): one GET with a size
 * cap and one PUT with progress, each with a time limit and a cancel signal. TLS is checked like every other
 * connection of the app: the same roots (the system's plus the user's authorities) through the same secure
 * contexts, the URL's host name checked against the certificate, no redirect followed. Only https URLs are
 * requested; anything else is refused before a byte leaves.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { createAddressPolicy, describeInternalAddress } from '../net/address-policy.js';
import type { Address, NameLookup } from '../net/name-lookup.js';
import type { SecureContexts } from '../net/secure-contexts.js';
import { adaptLookup } from '../trust/posh/fetch-one.js';

export type TransferErrorKind = 'not-https' | 'refused' | 'tls-error' | 'network-error' | 'http-status' | 'timeout' | 'too-large' | 'cancelled';

/** Why a transfer did not complete; `kind` says which, `message` says it in words (no URL secrets added). */
export class TransferError extends Error {
  override name = 'TransferError';
  constructor(
    readonly kind: TransferErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export interface TransferNetwork {
  /** The roots for this connection (the app's live roots: system plus the user's authorities). */
  readonly roots: () => Promise<readonly string[]>;
  readonly secureContexts: SecureContexts;
  readonly lookup: NameLookup;
  /** Dial elsewhere (tests); SNI, Host and the name check stay on the URL's host. */
  readonly connectTo?: (host: string, port: number) => { host: string; port: number };
  /**
   * TEST ONLY: lets a download reach loopback and private addresses (the test world lives on 127.0.0.1).
   * The app never sets it.
   */
  readonly allowPrivateAddressesForTests?: boolean;
}

export interface DownloadOptions {
  readonly maxBytes: number;
  /** The whole download, connection to last byte. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface UploadOptions {
  readonly body: Uint8Array;
  /** Extra request headers (XEP-0363's slot headers, already filtered to the allowed ones). */
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Bytes handed to the connection so far, and the total. */
  readonly onProgress?: (sent: number, total: number) => void;
}

export interface HttpsTransfer {
  /**
   * GET a file someone else named. Its address was chosen by a remote party, so a name resolving into the
   * user's own network (loopback, private ranges) is refused, as for POSH's later hops.
   */
  download(url: string, options: DownloadOptions): Promise<Uint8Array>;
  /** PUT our file to the slot our own server gave (its address is our server's choice: no address policy). */
  upload(url: string, options: UploadOptions): Promise<void>;
}

const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** An https URL, parsed; anything else (http, file, data, junk) is refused with 'not-https'. */
export function httpsUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TransferError('not-https', 'The address is not a valid web address.');
  }
  if (url.protocol !== 'https:') throw new TransferError('not-https', `Only https addresses are used for files; this one is ${url.protocol.replace(/:$/, '')}.`);
  if (url.username !== '' || url.password !== '') throw new TransferError('not-https', 'The address carries a user name or password; it is not used.');
  return url;
}

export function createHttpsTransfer(network: TransferNetwork): HttpsTransfer {
  const policy = createAddressPolicy();

  const resolve = async (host: string, guard: boolean): Promise<readonly Address[]> => {
    const literal = isIP(host);
    const addresses: readonly Address[] = literal !== 0 ? [{ address: host, family: literal as 4 | 6 }] : await network.lookup(host);
    if (guard && network.allowPrivateAddressesForTests !== true) {
      for (const answer of addresses) {
        if (answer.mappedByHand === true) continue;
        const kind = policy.kindOf(answer.address);
        if (kind !== null) throw new TransferError('refused', `${host} is ${describeInternalAddress(kind)}; a file someone sent may not be fetched from your own network.`);
      }
    }
    return addresses;
  };

  /** Runs one request to completion; `onResponse` settles it (or the timer, the signal, an error). */
  const exchange = <T>(
    method: 'GET' | 'PUT',
    url: URL,
    guard: boolean,
    limits: { timeoutMs: number; signal?: AbortSignal },
    start: (request: ClientRequest) => void,
    onResponse: (response: IncomingMessage, settle: (result: { ok: T } | { error: TransferError }) => void) => void,
    headers: Record<string, string>,
  ): Promise<T> =>
    new Promise<T>((resolvePromise, reject) => {
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const port = url.port === '' ? 443 : Number(url.port);
      let request: ClientRequest | null = null;
      let settled = false;
      let tlsStarted = false;
      let tlsDone = false;
      const settle = (result: { ok: T } | { error: TransferError }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', onAbort);
        request?.destroy();
        if ('ok' in result) resolvePromise(result.ok);
        else reject(result.error);
      };
      const fail = (error: unknown): void => {
        if (error instanceof TransferError) return settle({ error });
        const e = error as NodeJS.ErrnoException;
        const code = e.code ?? '';
        const isTls = CERTIFICATE_CODES.has(code) || (tlsStarted && !tlsDone);
        settle({ error: new TransferError(isTls ? 'tls-error' : 'network-error', isTls ? `The file server's certificate was not accepted (${code || e.message}).` : `The file server could not be reached (${code || e.message}).`) });
      };
      const timer = setTimeout(() => settle({ error: new TransferError('timeout', `The file server did not finish within ${Math.round(limits.timeoutMs / 1000)} seconds.`) }), limits.timeoutMs);
      const onAbort = (): void => settle({ error: new TransferError('cancelled', 'Cancelled.') });
      if (limits.signal?.aborted === true) return onAbort();
      limits.signal?.addEventListener('abort', onAbort, { once: true });

      let dial: { host: string; port: number };
      try {
        dial = network.connectTo ? network.connectTo(hostname, port) : { host: hostname, port };
      } catch (error) {
        return fail(error);
      }
      Promise.all([resolve(dial.host, guard && dial.host.toLowerCase() === hostname.toLowerCase()), network.roots()]).then(([addresses, roots]) => {
        if (settled) return;
        const sent = https.request({
          method,
          host: dial.host,
          port: dial.port,
          path: `${url.pathname}${url.search}`,
          headers: { Host: url.host, 'Accept-Encoding': 'identity', ...headers },
          // No pooled connection validated under other options is ever reused.
          agent: false,
          ...{ secureContext: network.secureContexts(roots) },
          // The checked answer is the one connected to: no second lookup that a rebinding DNS could change.
          lookup: adaptLookup(() => Promise.resolve(addresses)),
          servername: isIP(hostname) === 0 ? hostname : '',
          rejectUnauthorized: true,
          checkServerIdentity: (_dialled: string, cert: PeerCertificate) => checkServerIdentity(hostname, cert),
        });
        request = sent;
        sent.on('socket', (socket) => {
          socket.once('connect', () => {
            tlsStarted = true;
          });
          socket.once('secureConnect', () => {
            tlsDone = true;
          });
        });
        sent.on('error', fail);
        sent.on('response', (response) => onResponse(response, settle));
        start(sent);
      }, fail);
    });

  return {
    download: (text, options) => {
      let url: URL;
      try {
        url = httpsUrl(text);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return exchange<Uint8Array>(
        'GET',
        url,
        true,
        options,
        (request) => request.end(),
        (response, settle) => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) {
            // Redirects are not followed: a file link names the file.
            settle({ error: new TransferError('http-status', `The file server answered ${status}.`, status) });
            return;
          }
          const declared = Number(response.headers['content-length']);
          if (Number.isFinite(declared) && declared > options.maxBytes) {
            settle({ error: new TransferError('too-large', `The file is ${declared} bytes; the limit is ${options.maxBytes}. It was not downloaded.`) });
            return;
          }
          const chunks: Buffer[] = [];
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.byteLength;
            // Stops reading at the cap whatever the server announced (or did not).
            if (received > options.maxBytes) {
              settle({ error: new TransferError('too-large', `The file is larger than the limit of ${options.maxBytes} bytes; it was not downloaded.`) });
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => settle({ ok: new Uint8Array(Buffer.concat(chunks)) }));
          response.on('aborted', () => settle({ error: new TransferError('network-error', 'The file server closed the connection mid-file.') }));
          response.on('error', (error) => settle({ error: new TransferError('network-error', error.message) }));
        },
        { Accept: '*/*' },
      );
    },

    upload: (text, options) => {
      let url: URL;
      try {
        url = httpsUrl(text);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      const total = options.body.byteLength;
      return exchange<void>(
        'PUT',
        url,
        false,
        options,
        (request) => {
          // In pieces, so progress means something and a cancel stops between them.
          const piece = 64 * 1024;
          let offset = 0;
          const writeMore = (): void => {
            while (offset < total) {
              const end = Math.min(total, offset + piece);
              const more = request.write(options.body.subarray(offset, end));
              offset = end;
              options.onProgress?.(offset, total);
              if (!more) {
                request.once('drain', writeMore);
                return;
              }
            }
            request.end();
          };
          if (total === 0) request.end();
          else writeMore();
        },
        (response, settle) => {
          const status = response.statusCode ?? 0;
          response.resume();
          if (status >= 200 && status <= 299) settle({ ok: undefined });
          else settle({ error: new TransferError('http-status', `The upload server answered ${status}.`, status) });
        },
        { ...options.headers, 'Content-Type': options.contentType, 'Content-Length': String(total) },
      );
    },
  };
}
