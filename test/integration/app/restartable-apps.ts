/**
 * Apps that restart on one data folder, for the tests of the history kept on this computer: a fresh folder per
 * test (removed after it), and an app on a folder that a test may close to restart it; whichever way, it is
 * closed once. Each folder keeps its computer's key store: an app started again on it opens the saved password and
 * the encryption keys (issue 15) the earlier one sealed, as on the same computer.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { appCaller } from '../../harness/app-caller.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../harness/test-app.js';
import type { ChatSuite } from './chat-suite.js';

export interface RestartableApps {
  freshDir(): Promise<string>;
  appOn(dataDir: string, options?: Pick<TestAppOptions, 'now'>): Promise<{ app: TestApp; call: ReturnType<typeof appCaller> }>;
}

export function restartableApps(suite: ChatSuite, prefix: string): RestartableApps {
  const dirs: string[] = [];
  const keyStores = new Map<string, Buffer>();
  afterEach(async () => {
    keyStores.clear();
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    freshDir: async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    appOn: async (dataDir, options = {}) => {
      const keyStoreKey = keyStores.get(dataDir) ?? randomBytes(32);
      keyStores.set(dataDir, keyStoreKey);
      const app = await createTestApp({ network: suite.world.network('starttls'), reconnectDelay: () => 200, dataDir, keyStoreKey, ...suite.appDefaults, ...options });
      let closing: Promise<void> | null = null;
      const tracked: TestApp = { ...app, close: () => (closing ??= app.close()) };
      suite.track(tracked);
      return { app: tracked, call: appCaller(tracked) };
    },
  };
}
