/**
 * The certificate authorities every TLS check trusts, for XMPP and POSH alike (posh.md §3): the operating
 * system's store where the runtime can read it (`tls.getCACertificates('system')`, Node 22.15 and later,
 * which Electron's Node has), so enterprise roots count and a root the OS distrusts does not come back
 * from Node's bundled list; Node's bundled Mozilla list only where the system store cannot be read or is
 * empty. Certificates the user added come on top either way: the command line's `--ca`, and in the app the
 * authorities added in the trust center, which `liveTrustRoots` reads afresh for each new connection.
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

export interface LiveRootsDeps {
  /** The OS (or bundled) roots, read once at start, plus any the caller always adds (the tests' own CA). */
  readonly base: readonly string[];
  /** The authorities the user added in the app, as PEM, read from their store. */
  readonly added: () => Promise<readonly string[]>;
  /** Told when the added ones could not be read; the connection then goes ahead with the base roots only. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The roots for one new connection, XMPP and POSH alike: the base list plus the user's authorities as they
 * are right now, so adding or removing one counts at the next connect without a restart. A failure to read
 * the user's list fails closed: fewer roots (the base list), never more.
 */
export function liveTrustRoots(deps: LiveRootsDeps): () => Promise<readonly string[]> {
  return async () => {
    try {
      const added = await deps.added();
      return added.length === 0 ? deps.base : [...deps.base, ...added];
    } catch (error) {
      deps.onError?.(error);
      return deps.base;
    }
  };
}
