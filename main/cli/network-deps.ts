/**
 * Builds the injected network dependencies (roots, name lookup, --connect-to, DNS) from the command line,
 * the same objects the app builds from its settings.
 */
import { runtimeCaStoreReader, trustRoots } from '../net/trust-roots.js';
import { readFile } from 'node:fs/promises';
import tls, { rootCertificates } from 'node:tls';
import { createConnectTo, createDnsResolver, createNameLookup, type NameLookup } from '../net/name-lookup.js';
import { pemToDerList } from '../trust/certificate.js';
import { createXmppResolver, type XmppResolver } from '../xmpp/resolver.js';
import type { NetworkOptions } from './cli-options.js';
import { UsageError } from './usage-error.js';

export interface NetworkDeps {
  readonly ca: readonly string[];
  readonly lookup: NameLookup;
  readonly connectTo: (host: string, port: number) => { host: string; port: number };
  readonly resolver: XmppResolver;
  readonly now: () => Date;
}

export async function networkDeps(options: NetworkOptions): Promise<NetworkDeps> {
  const extraRoots: string[] = [];
  for (const file of options.caFiles) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`--ca ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    if (countCertificates(text) === 0) throw new UsageError(`--ca ${file}: it holds no PEM certificate.`);
    extraRoots.push(text);
  }
  const dns = createDnsResolver(options.dns ?? undefined);
  const fixedNow = options.now;
  return {
    // A `ca` option replaces Node's default roots for a connection, so the system's are passed explicitly.
    ca: trustRoots({ getCACertificates: runtimeCaStoreReader(tls), bundled: rootCertificates, added: extraRoots }).certificates,
    lookup: createNameLookup({ overrides: options.resolve, resolver: options.dns ? dns : undefined }),
    connectTo: createConnectTo(options.connectTo),
    resolver: createXmppResolver({ resolver: dns }),
    now: fixedNow ? () => fixedNow : () => new Date(),
  };
}

function countCertificates(pem: string): number {
  try {
    return pemToDerList(pem).length;
  } catch {
    return 0;
  }
}
