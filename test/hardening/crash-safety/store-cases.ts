/**
 * The eight stores as the crash test drives them, each opened through its real factory: write the i-th
 * version, and load through the store's own loader to say which version the disk holds. Shared by the writer
 * child (which writes) and the test (which loads after each kill), so both sides mean the same versions.
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { createAccountStore } from '../../../main/store/account-store.js';
import { createExtraCaStore } from '../../../main/store/extra-ca-store.js';
import { createLoginMemory } from '../../../main/store/login-memory.js';
import { createPasswordVault } from '../../../main/store/password-vault.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createPinStore } from '../../../main/store/pin-store.js';
import { createPoshCacheFile } from '../../../main/store/posh-cache-file.js';
import { createTrustLog, type TrustLogProblem } from '../../../main/store/trust-log.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { createWindowStateStore } from '../../../main/store/window-state.js';
import { createTestCipher } from '../../harness/test-cipher.js';
import { VERSION_A, VERSION_B } from './crash-pins.js';
import {
  ACCOUNT_VERSIONS,
  CA_A,
  CA_ADDED_AT,
  CA_B,
  CRASH_ACCOUNT_ID,
  CRASH_JID,
  LOGIN_VERSIONS,
  PASSWORD_VERSIONS,
  POSH_VERSIONS,
  WINDOW_VERSIONS,
  trustLogEntry,
} from './store-versions.js';

export const STORE_NAMES = ['pins', 'POSH cache', 'trust log', 'accounts', 'passwords', 'login memory', 'window state', 'extra CAs'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

export interface StoreDeps {
  /** The test cipher's key: the child seals passwords with it and the test opens them with it. */
  readonly cipherKey: Buffer;
  readonly report: (problem: StoreProblem | TrustLogProblem) => void;
}

export interface CrashStore {
  /** Writes version `index` (a replacing store holds version index mod 2; the log appends line `index`). */
  write(index: number): Promise<void>;
  /**
   * Loads through the store's own loader and says what it holds: -1 nothing written yet; a replacing store 0
   * or 1 (the version); the trust log the index of its last line, all lines before it whole and in order.
   * null: anything else (a mix, a fragment, a lost line): the crash safety failed.
   */
  load(): Promise<number | null>;
}

export interface CrashCase {
  readonly name: StoreName;
  /** Where the store lives in its data directory: a file, or (the trust log) a directory of per-account files. */
  readonly path: string;
  /** The trust log appends: each load must hold at least what the one before held. */
  readonly appends: boolean;
  open(path: string, deps: StoreDeps): CrashStore;
}

/** -1 when `value` is the empty store, the index of the version it equals, or null for neither. */
function versionIn<T>(value: T, empty: T, versions: readonly [T, T]): number | null {
  if (isDeepStrictEqual(value, empty)) return -1;
  const index = versions.findIndex((version) => isDeepStrictEqual(version, value));
  return index === -1 ? null : index;
}

// Each store is opened with its own lock registry: one process, one store per file, as in the app.
const base = (deps: StoreDeps) => ({ now: () => new Date(), report: deps.report, locks: createPathLocks() });

export const CRASH_CASES: readonly CrashCase[] = [
  {
    name: 'pins',
    path: 'pins.json',
    appends: false,
    open(file, deps) {
      const store = createPinStore({ file, ...base(deps) });
      return {
        write: (i) => store.put(i % 2 === 0 ? VERSION_A : VERSION_B),
        load: async () => versionIn(await store.list(), [], [[VERSION_A], [VERSION_B]]),
      };
    },
  },
  {
    name: 'POSH cache',
    path: 'posh-cache.json',
    appends: false,
    open(file, deps) {
      const store = createPoshCacheFile({ file, ...base(deps) });
      return {
        write: (i) => store.save(POSH_VERSIONS[i % 2]!),
        load: async () => versionIn(await store.load(), [], POSH_VERSIONS),
      };
    },
  },
  {
    name: 'trust log',
    path: 'trust-log',
    appends: true,
    open(dir, deps) {
      const log = createTrustLog({ dir, report: deps.report, locks: createPathLocks() });
      return {
        write: (i) => log.append(trustLogEntry(i)),
        load: async () => {
          const entries = await log.read(CRASH_JID);
          return entries.every((entry, i) => isDeepStrictEqual(entry, trustLogEntry(i))) ? entries.length - 1 : null;
        },
      };
    },
  },
  {
    name: 'accounts',
    path: 'accounts.json',
    appends: false,
    open(file, deps) {
      const store = createAccountStore({ file, ...base(deps) });
      return {
        // The store picks the id when the account is added; later versions change every other setting.
        async write(i) {
          const { jid: _jid, ...patch } = ACCOUNT_VERSIONS[i % 2]!;
          const [existing] = await store.list();
          if (existing === undefined) await store.add(ACCOUNT_VERSIONS[i % 2]!);
          else await store.update(existing.id, patch);
        },
        async load() {
          const accounts = await store.list();
          if (accounts.length > 1) return null;
          return versionIn(
            accounts.map(({ id: _id, ...settings }) => settings),
            [],
            [[ACCOUNT_VERSIONS[0]], [ACCOUNT_VERSIONS[1]]],
          );
        },
      };
    },
  },
  {
    name: 'passwords',
    path: 'passwords.json',
    appends: false,
    open(file, deps) {
      // The real vault with the test cipher (AES-256-GCM): a torn or mixed secret would not even decrypt.
      const vault = createPasswordVault({ file, cipher: createTestCipher(true, deps.cipherKey), ...base(deps) });
      return {
        write: (i) => vault.set(CRASH_ACCOUNT_ID, PASSWORD_VERSIONS[i % 2]!),
        load: async () => versionIn<string | null>(await vault.get(CRASH_ACCOUNT_ID), null, PASSWORD_VERSIONS),
      };
    },
  },
  {
    name: 'login memory',
    path: 'logins.json',
    appends: false,
    open(file, deps) {
      const memory = createLoginMemory({ file, ...base(deps) });
      return {
        write: (i) => memory.remember(CRASH_ACCOUNT_ID, LOGIN_VERSIONS[i % 2]!),
        load: async () => versionIn<string | null>(await memory.mechanism(CRASH_ACCOUNT_ID), null, LOGIN_VERSIONS),
      };
    },
  },
  {
    name: 'window state',
    path: 'window.json',
    appends: false,
    open(file, deps) {
      const store = createWindowStateStore({ file, ...base(deps) });
      return {
        write: (i) => store.save(WINDOW_VERSIONS[i % 2]!),
        load: async () => versionIn(await store.load(), null, WINDOW_VERSIONS),
      };
    },
  },
  {
    name: 'extra CAs',
    path: 'extra-cas.json',
    appends: false,
    open(file, deps) {
      const store = createExtraCaStore({ file, ...base(deps) });
      return {
        // The store adds and removes (no "replace"): version 0 is [A], version 1 is [A, B]. A kill between the
        // add and the remove of version 0 leaves version 1 on disk, which is the old version: still whole.
        async write(i) {
          if (i % 2 === 1) {
            await store.add([CA_A, CA_B], CA_ADDED_AT);
            return;
          }
          await store.add([CA_A], CA_ADDED_AT);
          await store.remove(CA_B.sha256);
        },
        load: async () =>
          versionIn(
            (await store.list()).map((ca) => ca.sha256),
            [],
            [[CA_A.sha256], [CA_A.sha256, CA_B.sha256]],
          ),
      };
    },
  },
];

export function crashCase(name: string): CrashCase {
  const found = CRASH_CASES.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no store named ${JSON.stringify(name)}; one of: ${STORE_NAMES.join(', ')}`);
  return found;
}

/** The store's path inside a data directory. */
export const pathIn = (dataDir: string, c: CrashCase): string => join(dataDir, c.path);
