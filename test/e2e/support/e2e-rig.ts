/**
 * What every end-to-end file needs, so none repeats it: the check that Chromium (and Prosody) are installed,
 * and the hooks that start what a file uses and close it again. A world file gets one test world (Prosody,
 * DNS, HTTPS POSH, test CA) for the whole file, and apps (real services + the built renderer in Chromium) and
 * peers (apps without a window) that are closed after each test; a file without a world gets one app.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startAppHarness, type AppHarness, type AppHarnessOptions } from '../../harness/app-harness.js';
import { startAppWorld, type AppWorld, type AppWorldOptions, type Transport } from '../../harness/app-world.js';
import { CHROMIUM, PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { openPeer, type Peer } from './below-ui.js';

/** Both programs are needed; evaluated once per file, loudly skipped (or failed under CI) when missing. */
export function e2eWorldAvailable(): boolean {
  const chromium = requireSystemDependency(CHROMIUM, 'e2e');
  const prosody = requireSystemDependency(PROSODY, 'e2e (Prosody)');
  return chromium && prosody;
}

/** For a file that needs no XMPP world: Chromium only. */
export function chromiumAvailable(): boolean {
  return requireSystemDependency(CHROMIUM, 'e2e');
}

export interface AppOptions {
  readonly transport?: Transport;
  readonly colorScheme?: 'light' | 'dark';
  /** issue 14: files. */
  readonly files?: AppHarnessOptions['files'];
  /** issue 15: OMEMO in the chats. */
  readonly omemo?: boolean;
}

export interface E2eWorld {
  /** The file's world; there from the file's first test on. */
  readonly world: AppWorld;
  /** A new app on the world, closed after the test. */
  open(options?: AppOptions): Promise<AppHarness>;
  /** Someone else logged in below the UI (see below-ui.ts), logged out after the test. */
  peer(jid: string, options?: Parameters<typeof openPeer>[2]): Promise<Peer>;
}

/** The hooks of an e2e file on the shared world: the world for the file, apps and peers for each test. */
export function useE2eWorld(worldOptions?: AppWorldOptions): E2eWorld {
  let world: AppWorld | undefined;
  const apps: AppHarness[] = [];
  const peers: Peer[] = [];
  const started = (): AppWorld => {
    if (!world) throw new Error('The test world is not started yet: use it inside a test.');
    return world;
  };
  beforeAll(async () => {
    world = await startAppWorld(worldOptions);
  });
  afterEach(async () => {
    await Promise.all([...apps.splice(0).map((app) => app.close()), ...peers.splice(0).map((peer) => peer.close())]);
  });
  afterAll(async () => {
    await world?.close();
  });
  return {
    get world() {
      return started();
    },
    async open(options = {}) {
      const app = await startAppHarness({
        network: started().network(options.transport ?? 'starttls'),
        colorScheme: options.colorScheme,
        // A dropped connection comes back quickly in tests; the real back-off is tested below the UI.
        reconnectDelay: () => 200,
        files: options.files,
        ...(options.omemo === undefined ? {} : { omemo: options.omemo }),
      });
      apps.push(app);
      return app;
    },
    async peer(jid, options = {}) {
      const peer = await openPeer(started(), jid, options);
      peers.push(peer);
      return peer;
    },
  };
}

/** The hooks of an e2e file without a world: one app (default network) for the whole file. */
export function useLoneApp(): { readonly current: AppHarness } {
  let app: AppHarness | undefined;
  beforeAll(async () => {
    app = await startAppHarness();
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    get current() {
      if (!app) throw new Error('The app is not started yet: use it inside a test.');
      return app;
    },
  };
}
