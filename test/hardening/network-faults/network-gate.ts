/**
 * Test helper: a switch between the app and the XMPP server. While cut, every XMPP connection attempt goes
 * to a loopback port nobody listens on and is refused at once, as when a server is down; HTTPS (POSH) is
 * left alone. It makes "the server is unreachable for a while" last exactly as long as the test says.
 */
import type { NetworkDeps } from '../../../main/services/create-app-services.js';
import type { AppWorld, Transport } from '../../harness/app-world.js';
import { freePort } from '../../harness/free-port.js';

export interface NetworkGate {
  /** Give this to signIn's `network` option. */
  readonly network: Pick<NetworkDeps, 'connectTo'>;
  cut(): void;
  restore(): void;
}

export async function createNetworkGate(world: AppWorld, transport: Transport = 'starttls'): Promise<NetworkGate> {
  const route = world.network(transport).connectTo ?? ((host: string, port: number) => ({ host, port }));
  const nowhere = await freePort();
  let cut = false;
  return {
    network: { connectTo: (host, port) => (cut && port !== 443 ? { host: '127.0.0.1', port: nowhere } : route(host, port)) },
    cut: () => void (cut = true),
    restore: () => void (cut = false),
  };
}
