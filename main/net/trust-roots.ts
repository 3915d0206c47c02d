/**
 * The certificate authorities every TLS check trusts, for XMPP and POSH alike (posh.md §3): the operating
 * system's store where the runtime can read it (`tls.getCACertificates('system')`, Node 22.15 and later,
 * which Electron's Node has), so enterprise roots count and a root the OS distrusts does not come back
 * from Node's bundled list; Node's bundled Mozilla list only where the system store cannot be read or is
 * empty. Certificates the user added (the command line's `--ca`) come on top either way.
 */

export type RootsSource = 'system' | 'bundled';

/** `tls.getCACertificates` (Node 22.15+); Node 20, which runs the tests here, has neither it nor its types. */
export type ReadCaStore = (type: 'system') => string[];

/** The runtime's reader of the system store, if it has one. */
export function runtimeCaStoreReader(tlsModule: object): ReadCaStore | undefined {
  const candidate = (tlsModule as { getCACertificates?: unknown }).getCACertificates;
  return typeof candidate === 'function' ? (type) => (candidate as ReadCaStore).call(tlsModule, type) : undefined;
}

export interface TrustRoots {
  readonly certificates: readonly string[];
  /** Where the base list came from (the system store, or Node's bundled list as the fallback). */
  readonly source: RootsSource;
}

export interface TrustRootsDeps {
  /** `tls.getCACertificates` where the runtime has it (undefined on Node 20). */
  readonly getCACertificates?: ReadCaStore;
  /** `tls.rootCertificates`: Node's bundled list. */
  readonly bundled: readonly string[];
  /** PEM certificates the user added. */
  readonly added?: readonly string[];
}

export function trustRoots(deps: TrustRootsDeps): TrustRoots {
  const added = deps.added ?? [];
  const system = readSystemStore(deps.getCACertificates);
  if (system.length > 0) return { certificates: [...system, ...added], source: 'system' };
  return { certificates: [...deps.bundled, ...added], source: 'bundled' };
}

function readSystemStore(read: ReadCaStore | undefined): readonly string[] {
  if (read === undefined) return [];
  try {
    return read('system');
  } catch {
    // A store the runtime cannot read (no keychain access, a broken bundle file) is no store: use the bundled list.
    return [];
  }
}
