/**
 * issue 15: OMEMO. Records every string a client writes into its TLS socket: the cleartext XML after the session
 * and before TLS, which is exactly what the server receives. The OMEMO tests search it for text that must never
 * leave in the clear.
 */
import type { TLSSocket } from 'node:tls';

/** From now on, each write into `socket` is also pushed onto `into` (returned). */
export function recordWrites(socket: TLSSocket, into: string[] = []): string[] {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]) => {
    into.push(String(args[0]));
    return write(...args);
  }) as typeof socket.write;
  return into;
}
