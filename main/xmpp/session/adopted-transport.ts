/**
 * An xmpp.js transport that dials nothing: it adopts the TLS socket that connectVerified() opened and
 * verified. xmpp.js then starts by writing its stream header over that TLS, which is exactly the post-TLS
 * stream restart of STARTTLS (RFC 6120 §5.4.3.3) or the first header of direct TLS (XEP-0368). Nothing can
 * make xmpp.js dial elsewhere: the only service this transport accepts is ADOPTED_SERVICE.
 */
import { EventEmitter } from 'node:events';
import type { TLSSocket } from 'node:tls';
import type { TransportClass } from '@xmpp/client-core';
import ConnectionTCP from '@xmpp/connection-tcp';
import { ConnectionLostError, StreamRefusedError } from '../errors.js';
import { StreamGuard, type StreamViolation } from './stream-guard.js';

/** The one "service" the adopted transport answers to (xmpp.js picks a transport by service string). */
export const ADOPTED_SERVICE = 'hostproof-adopted:';

/** The socket interface @xmpp/connection expects (connect/write/end, events data/close/error/connect). */
class AdoptedSocket extends EventEmitter {
  /** Read by Connection.isSecure(): the stream header then carries `from` (RFC 6120 §4.7.1). */
  readonly secure = true;
  readonly #tls: TLSSocket;
  readonly #guard: StreamGuard;
  #refused = false;

  constructor(tls: TLSSocket, guard: StreamGuard) {
    super();
    this.#tls = tls;
    this.#guard = guard;
  }

  connect(): void {
    const tls = this.#tls;
    // Decode as a stream so a multi-byte character split across TLS records is not mangled (xmpp.js
    // would otherwise decode each chunk on its own).
    tls.setEncoding('utf8');
    tls.on('data', (data: string) => {
      if (this.#refused) return;
      // Checked before xmpp.js's parser sees a character of it (stream-guard.ts says what and why).
      const violation = this.#guard.received(data);
      if (violation !== null) {
        this.#refuse(violation);
        return;
      }
      this.emit('data', data);
    });
    tls.on('error', (error: Error) => this.emit('error', error));
    tls.on('close', (hadError: boolean) => this.emit('close', hadError));
    // xmpp.js waits for 'connect' after calling connect(): say it on the next tick, as a real dial would.
    process.nextTick(() => {
      if (tls.destroyed || tls.readyState !== 'open') {
        this.emit('error', new ConnectionLostError('the server closed the connection before logging in'));
        return;
      }
      this.emit('connect');
    });
  }

  /**
   * RFC 6120 §4.9: tell the server why with a stream error, close the stream, then end the connection with
   * the typed error (the session reports it, and the reconnect policy backs off).
   */
  #refuse(violation: StreamViolation): void {
    this.#refused = true;
    const tls = this.#tls;
    const error = new StreamRefusedError(violation);
    const goodbye = `<stream:error><${violation.condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`;
    if (tls.destroyed) return;
    tls.write(goodbye, () => tls.destroy(error));
  }

  write(data: string, callback: (error?: Error | null) => void): void {
    if (this.#tls.destroyed) {
      callback(new ConnectionLostError('the connection is closed'));
      return;
    }
    this.#tls.write(data, callback);
  }

  end(): void {
    this.#tls.end();
  }
}

/**
 * A transport class bound to one socket. A fresh class per connection, because xmpp.js reads `Socket` from
 * the transport's prototype and constructs it without arguments.
 */
export function adoptedTransport(tls: TLSSocket, guard: StreamGuard = new StreamGuard()): TransportClass {
  class BoundSocket extends AdoptedSocket {
    constructor() {
      super(tls, guard);
    }
  }
  class AdoptedConnection extends ConnectionTCP {
    override socketParameters(service: string): object | undefined {
      return service === ADOPTED_SERVICE ? {} : undefined;
    }
  }
  AdoptedConnection.prototype.Socket = BoundSocket;
  AdoptedConnection.prototype.NS = 'jabber:client';
  return AdoptedConnection;
}
