/**
 * The other party in a scenario, driven below the UI: a second app (real services, no window) whose requests
 * go through the same dispatcher as the window's. Used only for what the scenario is not about (the peer who
 * sends the archive's messages, or receives ours), so the UI under test stays the one thing clicked.
 */
import type { ResponseTypes } from '../../../app/ipc/contract.js';
import type { RequestName } from '../../../app/ipc/channels.js';
import type { IpcResult } from '../../../app/ipc/result.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { password, type AppWorld } from '../../harness/app-world.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';

export interface Peer {
  readonly app: TestApp;
  readonly accountId: string;
  call<N extends RequestName>(name: N, payload?: unknown): Promise<ResponseTypes[N]>;
  close(): Promise<void>;
}

/**
 * Logs `jid` in (password `secret-<user>`) and waits until it is online. `trust: 'pin'` answers the trust
 * question a domain without POSH raises, as a user who pins would.
 */
export async function openPeer(world: AppWorld, jid: string, options: { trust?: 'pin'; files?: TestAppOptions['files']; omemo?: boolean } = {}): Promise<Peer> {
  const app = await createTestApp({ network: world.network('starttls'), reconnectDelay: () => 200, files: options.files, ...(options.omemo === undefined ? {} : { omemo: options.omemo }) });
  const dispatch = createDispatch(app.handlers, { logError: (message, error) => app.notices.push(`${message}: ${String(error)}`) });
  const call = async <N extends RequestName>(name: N, payload?: unknown): Promise<ResponseTypes[N]> => {
    const result = (await dispatch(name, payload)) as IpcResult<ResponseTypes[N]>;
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  try {
    const view = await call('addAccount', { jid, password: password(jid.split('@')[0] ?? ''), rememberPassword: true });
    const accountId = view.settings.id;
    if (options.trust === 'pin') {
      const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === accountId);
      await call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    }
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === accountId && p.state.stage === 'online');
    return { app, accountId, call, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
