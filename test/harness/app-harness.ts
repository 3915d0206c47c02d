/**
 * The full end-to-end rig: the real main-process services (createTestApp) behind the built renderer in
 * Chromium (startHarness), with every event the services emit pushed into the page.
 */
import type { NetworkDeps } from '../../main/services/create-app-services.js';
import { startHarness, type Harness } from './renderer-harness.js';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.js';

export interface AppHarness {
  readonly app: TestApp;
  readonly harness: Harness;
  close(): Promise<void>;
}

export interface AppHarnessOptions {
  readonly network?: Partial<NetworkDeps>;
  readonly colorScheme?: 'light' | 'dark';
  readonly reconnectDelay?: (attempt: number) => number;
  /** The file the main process's own open-file dialog "chooses" (see TestAppOptions). */
  readonly pickCaFile?: TestAppOptions['pickCaFile'];
  /** issue 14: files. The file dialogs' stand-ins and whether downloads may reach loopback. */
  readonly files?: TestAppOptions['files'];
  /** issue 15: OMEMO in the chats (on by default, as in the app; false switches it off). */
  readonly omemo?: boolean;
}

export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const app = await createTestApp({
    network: options.network,
    reconnectDelay: options.reconnectDelay,
    pickCaFile: options.pickCaFile,
    files: options.files,
    ...(options.omemo === undefined ? {} : { omemo: options.omemo }),
  });
  const harness = await startHarness({ handlers: app.handlers, colorScheme: options.colorScheme });
  app.forwardEvents((event, payload) => {
    // The page may be navigating or closing; a lost event is recovered by the renderer's next request.
    harness.emit(event, payload).catch(() => undefined);
  });
  return {
    app,
    harness,
    close: async () => {
      await harness.close();
      await app.close();
    },
  };
}
