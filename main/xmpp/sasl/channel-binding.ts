/**
 * What SCRAM `-PLUS` needs from the TLS connection it runs on: which channel-binding types this connection
 * has, and their data (RFC 5056), read from Node's TLS socket after the handshake.
 *
 *   tls-exporter          RFC 9266: 32 bytes of exported keying material, label "EXPORTER-Channel-Binding",
 *                         no context. Only on TLS 1.3: on TLS 1.2 it is safe only with the extended master
 *                         secret, which Node does not let us check.
 *   tls-server-end-point  RFC 5929 §4: the hash of the server certificate (server-end-point.ts). Any version.
 *                         The certificate is the one the connection's verification looked at (passed in):
 *                         Node hands a peer certificate out only once per socket, and it must be that one.
 *   tls-unique            RFC 5929 §3: the first Finished message of the handshake. Only on TLS 1.2 (RFC 9266
 *                         §3: undefined for TLS 1.3), and only on a full handshake: in a resumed one the first
 *                         Finished is the server's, and we never resume TLS sessions anyway.
 */
import type { TLSSocket } from 'node:tls';
import { CHANNEL_BINDING_TYPES, type ChannelBindingType } from '../../../app/domain/sasl-mechanism.js';
import { serverEndPointData } from './server-end-point.js';

export type { ChannelBindingType };

/** RFC 9266 §2. */
export const EXPORTER_LABEL = 'EXPORTER-Channel-Binding';
export const EXPORTER_LENGTH = 32;

export interface TlsChannel {
  /** The negotiated version as Node names it ('TLSv1.3', 'TLSv1.2'), or null when unknown. */
  readonly protocol: string | null;
  /** The binding data of `type` on this connection, or null when the connection has none of that type. */
  bindingData(type: ChannelBindingType): Uint8Array | null;
}

/** The channel-binding types this connection can give data for, preferred first. */
export function availableBindings(channel: TlsChannel): ChannelBindingType[] {
  return CHANNEL_BINDING_TYPES.filter((type) => {
    const data = channel.bindingData(type);
    return data !== null && data.length > 0;
  });
}

const bytes = (buffer: Buffer | undefined | null): Uint8Array | null => (buffer ? new Uint8Array(buffer) : null);

/**
 * The client side of an established TLS connection; `serverCertificate` is the DER of the leaf the server
 * presented (SecuredConnection.chain[0]). Each type's data is read once and kept.
 */
export function tlsChannel(socket: TLSSocket, serverCertificate: Uint8Array | null): TlsChannel {
  const protocol = socket.getProtocol() ?? null;
  const known = new Map<ChannelBindingType, Uint8Array | null>();
  const read = (type: ChannelBindingType): Uint8Array | null => {
    switch (type) {
      case 'tls-exporter':
        return protocol === 'TLSv1.3' ? bytes(socket.exportKeyingMaterial(EXPORTER_LENGTH, EXPORTER_LABEL, Buffer.alloc(0))) : null;
      case 'tls-unique':
        return protocol === 'TLSv1.2' && !socket.isSessionReused() ? bytes(socket.getFinished()) : null;
      case 'tls-server-end-point':
        return serverCertificate === null ? null : serverEndPointData(serverCertificate);
    }
  };
  return {
    protocol,
    bindingData(type) {
      if (!known.has(type)) known.set(type, read(type));
      return known.get(type) ?? null;
    },
  };
}
