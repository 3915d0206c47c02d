/**
 * What every end-to-end file needs: the check that Chromium and Prosody are installed, and apps (real services
 * + the built renderer in Chromium) wired to a shared test world, all closed by the file that opened them.
 */
import { startAppHarness, type AppHarness } from '../../harness/app-harness.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startAppWorld, type AppWorld, type Transport } from '../../harness/app-world.js';
import { CHROMIUM, PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';

/** Both programs are needed; evaluated once per file, loudly skipped (or failed under CI) when missing. */
export function e2eWorldAvailable(): boolean {
  const chromium = requireSystemDependency(CHROMIUM, 'e2e');
  const prosody = requireSystemDependency(PROSODY, 'e2e (Prosody)');
  return chromium && prosody;
}

export interface AppOptions {
  readonly transport?: Transport;
  readonly colorScheme?: 'light' | 'dark';
}

/** Opens apps on a world and remembers them, so a test's afterEach can close every one it opened. */
export function appOpener(world: () => AppWorld) {
  const open: AppHarness[] = [];
  return {
    async open(options: AppOptions = {}): Promise<AppHarness> {
      const app = await startAppHarness({
        network: world().network(options.transport ?? 'starttls'),
        colorScheme: options.colorScheme,
        // A dropped connection comes back quickly in tests; the real back-off is tested below the UI.
        reconnectDelay: () => 200,
      });
      open.push(app);
      return app;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((app) => app.close()));
    },
  };
}

/**
 * The hooks of a plain e2e file: one world for the file (handed to `setWorld`), apps closed after each test,
 * the world stopped after the file. Returns the opener.
 */
export function useE2eWorld(setWorld: (world: AppWorld) => void): ReturnType<typeof appOpener> {
  let world: AppWorld | undefined;
  const apps = appOpener(() => world!);
  beforeAll(async () => {
    world = await startAppWorld();
    setWorld(world);
  });
  afterEach(() => apps.closeAll());
  afterAll(async () => {
    await world?.close();
  });
  return apps;
}
