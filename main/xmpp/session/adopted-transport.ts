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
import { ConnectionLostError } from '../errors.js';

/** The one "service" the adopted transport answers to (xmpp.js picks a transport by service string). */
export const ADOPTED_SERVICE = 'hostproof-adopted:';

/**
 * Even a verified server may misbehave: xmpp.js's parser keeps a whole element in memory until it ends, so an
 * endless stanza would grow without bound. The guard counts what arrived since the last complete top-level
 * element and ends the connection past the limit (our own requests allow bodies up to 256 KiB).
 */
export class StanzaSizeGuard {
  #pending = 0;
  constructor(readonly maxChars: number = 4 * 1024 * 1024) {}
  /** False once the element being received is over the limit. */
  received(chars: number): boolean {
    this.#pending += chars;
    return this.#pending <= this.maxChars;
  }
  /** A top-level element ended. */
  completed(): void {
    this.#pending = 0;
  }
}

/** The socket interface @xmpp/connection expects (connect/write/end, events data/close/error/connect). */
class AdoptedSocket extends EventEmitter {
  /** Read by Connection.isSecure(): the stream header then carries `from` (RFC 6120 §4.7.1). */
  readonly secure = true;
  readonly #tls: TLSSocket;
  readonly #guard: StanzaSizeGuard;

  constructor(tls: TLSSocket, guard: StanzaSizeGuard) {
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
      if (!this.#guard.received(data.length)) {
        tls.destroy(new ConnectionLostError(`the server sent a single element larger than ${this.#guard.maxChars} characters`));
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
export function adoptedTransport(tls: TLSSocket, guard: StanzaSizeGuard = new StanzaSizeGuard()): TransportClass {
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
