/**
 * What "fails closed" means for each store after its file was found damaged, observed through the store's
 * own API on a fresh open (a restart), in the words of the table. From the code (main/store/):
 * - pins: no pin, so every server is asked about again (never trusted);
 * - POSH cache: empty, so POSH documents are fetched again;
 * - accounts: no accounts (added again; nothing from the damaged file is used);
 * - passwords: no password, so the user is asked for it again;
 * - login memory: "SCRAM required" for every account, written in the file's place so a restart keeps it;
 * - window state: no saved bounds, so the window opens at its default size;
 * - trust log: append-only, never rewritten: the damaged line is skipped, every whole line is kept;
 * - extra CAs: no added authority, so only the operating system's roots are trusted (never "trust all").
 */
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
import type { StoreName } from './store-cases.js';
import { CRASH_ACCOUNT_ID, CRASH_JID } from './store-versions.js';

/** An account the damaged file never mentioned: fail-closed must hold for it too. */
const OTHER_ACCOUNT_ID = '7a2d3b45-6c7e-4f80-9bac-1d2e3f4a5b6c';

export interface FailClosedDeps {
  readonly cipherKey: Buffer;
  readonly now: () => Date;
  readonly report: (problem: StoreProblem | TrustLogProblem) => void;
}

type Describe = (path: string, deps: FailClosedDeps) => Promise<string>;

const opened = (deps: FailClosedDeps) => ({ now: deps.now, report: deps.report, locks: createPathLocks() });
const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export const FAIL_CLOSED: Readonly<Record<StoreName, { readonly expected: string; readonly observe: Describe }>> = {
  pins: {
    expected: 'no pin: the server is asked about again',
    observe: async (file, deps) => {
      const pins = await createPinStore({ file, ...opened(deps) }).list();
      return pins.length === 0 ? 'no pin: the server is asked about again' : `${count(pins.length, 'pin')} trusted`;
    },
  },
  'POSH cache': {
    expected: 'empty: POSH fetched again',
    observe: async (file, deps) => {
      const entries = await createPoshCacheFile({ file, ...opened(deps) }).load();
      return entries.length === 0 ? 'empty: POSH fetched again' : `${count(entries.length, 'entry')} used`;
    },
  },
  accounts: {
    expected: 'no account',
    observe: async (file, deps) => {
      const accounts = await createAccountStore({ file, ...opened(deps) }).list();
      return accounts.length === 0 ? 'no account' : `${count(accounts.length, 'account')} listed`;
    },
  },
  passwords: {
    expected: 'no password: asked again',
    observe: async (file, deps) => {
      const vault = createPasswordVault({ file, cipher: createTestCipher(true, deps.cipherKey), ...opened(deps) });
      return (await vault.get(CRASH_ACCOUNT_ID)) === null ? 'no password: asked again' : 'a password was used';
    },
  },
  'login memory': {
    expected: 'SCRAM required for every account',
    observe: async (file, deps) => {
      const memory = createLoginMemory({ file, ...opened(deps) });
      const answers = new Set([await memory.mechanism(CRASH_ACCOUNT_ID), await memory.mechanism(OTHER_ACCOUNT_ID)]);
      return answers.size === 1 && answers.has('scram-required') ? 'SCRAM required for every account' : `remembered: ${[...answers].join(', ')}`;
    },
  },
  'window state': {
    expected: 'default window size',
    observe: async (file, deps) => ((await createWindowStateStore({ file, ...opened(deps) }).load()) === null ? 'default window size' : 'saved bounds used'),
  },
  'extra CAs': {
    expected: "no added authority: the system's roots only",
    observe: async (file, deps) => {
      const added = await createExtraCaStore({ file, ...opened(deps) }).list();
      return added.length === 0 ? "no added authority: the system's roots only" : `${count(added.length, 'added authority')} trusted`;
    },
  },
  'trust log': {
    expected: 'the 2 whole lines kept',
    observe: async (dir, deps) => {
      const entries = await createTrustLog({ dir, report: deps.report, locks: createPathLocks() }).read(CRASH_JID);
      return `the ${count(entries.length, 'whole line')} kept`;
    },
  },
};
