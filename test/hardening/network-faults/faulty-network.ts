/**
 * Test helper: the hosted world's network for one app, with switches for the faults of the hardening suite.
 * XMPP goes through a TCP relay (tcp-relay.ts: reset, silence, refuse); HTTPS (POSH) can be cut while XMPP
 * stays up; DNS can fail (its server unreachable: the resolver is pointed at a loopback port where nothing
 * listens, which Node reports as ECONNREFUSED at once). Every SRV query the app makes is timed, so a test can
 * measure the spacing of attempts that never get as far as a TCP connection.
 */
import { createDnsResolver, createNameLookup, type DnsQueries } from '../../../main/net/name-lookup.js';
import type { NetworkDeps } from '../../../main/services/create-app-services.js';
import type { AppWorld } from '../../harness/app-world.js';
import { freePort } from '../../harness/free-port.js';
import { startTcpRelay, type TcpRelay } from './tcp-relay.js';

export interface FaultyNetwork {
  /** Give this to signIn's `network` option. */
  readonly network: Partial<NetworkDeps>;
  readonly relay: TcpRelay;
  /** performance.now() of every STARTTLS SRV query the app made (one per connection attempt), in order. */
  readonly srvQueries: readonly number[];
  /** While true, HTTPS (POSH) connections go to a port nobody listens on. */
  poshDown(down: boolean): void;
  /** While true, every DNS query goes to a DNS server that is not there. */
  dnsDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startFaultyNetwork(world: AppWorld): Promise<FaultyNetwork> {
  const base = world.network('starttls');
  const relay = await startTcpRelay({ host: '127.0.0.1', port: world.prosody.starttlsPort });
  const nowhere = await freePort();
  const deadDns = createDnsResolver(`127.0.0.1:${await freePort()}`);
  const srvQueries: number[] = [];
  let poshDown = false;
  let dnsDown = false;
  const dns: DnsQueries = {
    resolveSrv: (name) => {
      // Each attempt asks for both services at once; counting one of them counts attempts.
      if (name.startsWith('_xmpp-client.')) srvQueries.push(performance.now());
      return (dnsDown ? deadDns : base.dns).resolveSrv(name);
    },
    resolve4: (name) => (dnsDown ? deadDns : base.dns).resolve4(name),
    resolve6: (name) => (dnsDown ? deadDns : base.dns).resolve6(name),
  };
  const webRoute = base.connectTo ?? ((host: string, port: number) => ({ host, port }));
  return {
    network: {
      dns,
      lookup: createNameLookup({ resolver: dns }),
      connectTo: (host, port) => {
        if (port === 443) return poshDown ? { host: '127.0.0.1', port: nowhere } : webRoute(host, port);
        return { host: '127.0.0.1', port: relay.port };
      },
    },
    relay,
    srvQueries,
    poshDown: (down) => void (poshDown = down),
    dnsDown: (down) => void (dnsDown = down),
    close: () => relay.close(),
  };
}
