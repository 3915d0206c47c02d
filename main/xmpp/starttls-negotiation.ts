/**
 * The only XMPP spoken before TLS: our stream header, the server's features, `<starttls/>`, `<proceed/>`.
 * Nothing else is ever sent in the clear: no user name, no resource, no stanza. A server that does not
 * offer STARTTLS is refused before another byte is written (posh.md §7.3).
 */
import type { Socket } from 'node:net';
import { Parser, escapeXML, type Element } from '@xmpp/xml';
import { StreamGuard } from './session/stream-guard.js';
import { jidDomainForm } from '../../app/domain/address/domain-name.js';
import { StreamNegotiationError, TlsRequiredError } from './errors.js';

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_STREAM = 'http://etherx.jabber.org/streams';
/** A hostile server could stream features forever; pre-TLS data beyond this is refused. */
const MAX_PRE_TLS_BYTES = 64 * 1024;

/** The opening stream header; `to` is the JID domain in U-labels whichever form `domain` is in. */
export function streamHeader(domain: string): string {
  return (
    `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS_STREAM}' ` +
    `to='${escapeXML(jidDomainForm(domain))}' version='1.0' xml:lang='en'>`
  );
}

export interface NegotiationOptions {
  readonly domain: string;
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Resolves when the server said `<proceed/>`; the socket is then ready for the TLS handshake. */
export function negotiateStartTls(socket: Socket, options: NegotiationOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const parser = new Parser();
    // The same rules as after TLS (no DTD, no undeclared entity, bounded depth), so a DOCTYPE cannot swallow
    // the stream and an entity cannot make ltx throw out of this data handler.
    const guard = new StreamGuard();
    let received = 0;
    let settled = false;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onSocketError);
      socket.off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
      parser.removeAllListeners();
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve();
      }
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_PRE_TLS_BYTES) {
        finish(new StreamNegotiationError(options.endpoint, 'it sent too much data before encryption'));
        return;
      }
      const text = chunk.toString('utf8');
      const violation = guard.received(text);
      if (violation !== null) {
        finish(new StreamNegotiationError(options.endpoint, `it sent XML that is not allowed (${violation.kind})`));
        return;
      }
      try {
        parser.write(text);
      } catch (error) {
        // ltx throws (rather than emitting 'error') on some malformed input; it must never escape a socket handler.
        finish(new StreamNegotiationError(options.endpoint, `malformed XML (${error instanceof Error ? error.message : String(error)})`));
      }
    };
    const onSocketError = (error: Error) => finish(new StreamNegotiationError(options.endpoint, error.message));
    const onClose = () => finish(new StreamNegotiationError(options.endpoint, 'the connection was closed'));
    const onAbort = () => finish(new StreamNegotiationError(options.endpoint, 'cancelled'));
    const timer = setTimeout(
      () => finish(new StreamNegotiationError(options.endpoint, `no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );

    parser.on('error', (error) => finish(new StreamNegotiationError(options.endpoint, `malformed XML (${error.message})`)));
    parser.on('end', () => finish(new StreamNegotiationError(options.endpoint, 'the server closed the stream')));
    parser.on('element', (element: Element) => {
      if (element.is('features', NS_STREAM)) {
        if (!element.getChild('starttls', NS_TLS)) {
          finish(new TlsRequiredError(options.endpoint));
          return;
        }
        socket.write(`<starttls xmlns='${NS_TLS}'/>`);
      } else if (element.is('proceed', NS_TLS)) {
        finish();
      } else if (element.is('failure', NS_TLS)) {
        finish(new StreamNegotiationError(options.endpoint, 'the server refused to start TLS'));
      } else if (element.is('error', NS_STREAM)) {
        const condition = element.getChildElements()[0]?.name ?? 'unknown';
        finish(new StreamNegotiationError(options.endpoint, `stream error "${condition}"`));
      }
      // Anything else before TLS is ignored: we act on nothing the server says in the clear but these.
    });

    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort);
    socket.on('data', onData);
    socket.on('error', onSocketError);
    socket.on('close', onClose);
    socket.write(streamHeader(options.domain));
  });
}
