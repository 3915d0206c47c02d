/**
 * Channel-binding data computed on the SERVER's end of a TLS connection, for scripted servers: what a real
 * server compares the client's `c=` with. Written apart from main/xmpp/sasl/ on purpose (the server's own
 * socket calls, @peculiar/x509 for the signature hash), so a client that binds the wrong bytes fails for real.
 *
 *   tls-unique            the first Finished of the handshake: on a full TLS 1.2 handshake the client's,
 *                         which the server sees as getPeerFinished()
 *   tls-exporter          the server's own exportKeyingMaterial (RFC 9266 label, no context)
 *   tls-server-end-point  the hash of the server's own certificate per RFC 5929 §4.1
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import * as x509 from '@peculiar/x509';

export type ServerBindingData = (type: string) => Buffer | null;

/** RFC 5929 §4.1: the certificate's signature hash; MD5 and SHA-1 become SHA-256. */
function endPointHash(certPem: string): string {
  const algorithm = new x509.X509Certificate(certPem).signatureAlgorithm as Algorithm & { hash?: Algorithm };
  const name = algorithm.hash?.name ?? 'SHA-256';
  return name === 'SHA-1' || name === 'MD5' ? 'sha256' : name.replace('-', '').toLowerCase();
}

export function serverBindingData(socket: TLSSocket, certPem: string): ServerBindingData {
  return (type) => {
    switch (type) {
      case 'tls-unique':
        return socket.getPeerFinished() ?? null;
      case 'tls-exporter':
        return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
      case 'tls-server-end-point':
        return createHash(endPointHash(certPem)).update(Buffer.from(new x509.X509Certificate(certPem).rawData)).digest();
      default:
        return null;
    }
  };
}
