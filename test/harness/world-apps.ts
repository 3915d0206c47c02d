/**
 * The frame of the app-level integration tests: one shared test world per file (app-world.ts), fresh apps
 * (real services, createTestApp) per test, each closed after its test. `open()` gives the calls the tests use:
 * the dispatcher the window's IPC uses, adding an account, and waiting for a connection stage.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ConnectionState } from '../../app/domain/account.js';
import { jidOrNull } from '../../app/domain/address/jid.js';
import { appCaller } from './app-caller.js';
import { password, startAppWorld, type AppWorld, type Transport } from './app-world.js';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.js';
import { waitForEvent } from './wait-for-event.js';

/**
 * The person's answers in the main process's own dialogs, and `ca`: base roots in place of the world's
 * (which include its test CA), for an app that does not trust that CA yet.
 */
export type WorldAppOptions = Pick<TestAppOptions, 'confirm' | 'pickCaFile'> & { readonly ca?: readonly string[] };

export interface WorldApps {
  readonly world: AppWorld;
  open(transport: Transport, reconnectDelay?: (attempt: number) => number, options?: WorldAppOptions): Promise<OpenedApp>;
}

export type OpenedApp = Awaited<ReturnType<typeof openOn>>;

async function openOn(world: AppWorld, transport: Transport, reconnectDelay: (attempt: number) => number, options: WorldAppOptions = {}) {
  const { ca, ...answers } = options;
  const network = { ...world.network(transport), ...(ca ? { ca } : {}) };
  const app = await createTestApp({ ...answers, network, reconnectDelay });
  const call = appCaller(app);
  /** Adds the account with its world password ("secret-<local part>") unless another is given. */
  const addAccount = (jid: string, pw = password(jidOrNull(jid)?.local ?? '')) => call('addAccount', { jid, password: pw, rememberPassword: true });
  const stateOf = (accountId: string, stage: ConnectionState['stage']) =>
    waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === accountId && p.state.stage === stage);
  return { app, call, addAccount, stateOf };
}

export function useWorldApps(): WorldApps {
  let world: AppWorld | null = null;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    world = await startAppWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  const started = (): AppWorld => {
    if (world === null) throw new Error('The test world is not started yet: call open() inside a test.');
    return world;
  };
  return {
    get world() {
      return started();
    },
    open: async (transport, reconnectDelay = () => 200, options) => {
      const opened = await openOn(started(), transport, reconnectDelay, options);
      apps.push(opened.app);
      return opened;
    },
  };
}
