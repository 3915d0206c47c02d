/**
 * Test helper for the chat integration tests: one signed-in account of one test app, driven only through the
 * dispatcher the window's IPC uses (schema checks included), with typed requests and event waits.
 */
import type { ConnectionState } from '../../../app/domain/account.js';
import type { EventName, RequestName } from '../../../app/ipc/channels.js';
import type { EventPayloads, ResponseTypes } from '../../../app/ipc/contract.js';
import type { NetworkDeps } from '../../../main/services/create-app-services.js';
import { appCaller } from '../../harness/app-caller.js';
import { password, type AppWorld, type Transport } from '../../harness/app-world.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';

export interface ChatClient {
  readonly app: TestApp;
  readonly accountId: string;
  /** The account's bare JID. */
  readonly jid: string;
  /** The full JID the server bound on the first login. */
  readonly fullJid: string;
  call<K extends RequestName>(name: K, payload?: unknown): Promise<ResponseTypes[K]>;
  /** The position in the event record: pass it as `after` to wait only for what happens from now on. */
  mark(): number;
  next<E extends EventName>(event: E, predicate?: (payload: EventPayloads[E]) => boolean, options?: { after?: number; timeoutMs?: number }): Promise<EventPayloads[E]>;
  /** Every recorded payload of one event (from `after` on). */
  all<E extends EventName>(event: E, after?: number): Array<EventPayloads[E]>;
  /** Where in the record the first matching event (from `after` on) is, or -1. */
  position<E extends EventName>(event: E, predicate: (payload: EventPayloads[E]) => boolean, after?: number): number;
  /** Waits until the account's connection reaches `stage`. */
  stage<S extends ConnectionState['stage']>(stage: S, after?: number): Promise<Extract<ConnectionState, { stage: S }>>;
}

export interface SignInOptions {
  readonly transport?: Transport;
  readonly resource?: string;
  readonly reconnectDelay?: (attempt: number) => number;
  /** Replaces parts of the world's network (e.g. a connectTo that can be cut). */
  readonly network?: Partial<NetworkDeps>;
  /** More of the test app's options (its session opener, its clock, whether the network is up, a data folder to keep). */
  readonly app?: Pick<TestAppOptions, 'openSession' | 'now' | 'networkStatus' | 'files' | 'omemo' | 'dataDir' | 'keyStoreKey' | 'confirm'>;
}

/** A new test app with one account added; resolves once it is online. The caller closes `client.app`. */
export async function signIn(world: AppWorld, jid: string, options: SignInOptions = {}): Promise<ChatClient> {
  const network = { ...world.network(options.transport ?? 'starttls'), ...options.network };
  const app = await createTestApp({ ...options.app, network, reconnectDelay: options.reconnectDelay ?? (() => 200) });
  try {
    const call = appCaller(app);
    const next: ChatClient['next'] = (event, predicate, opts) => waitForEvent(app.events, event, predicate, opts);
    const all: ChatClient['all'] = (event, after = 0) =>
      app.events.slice(after).flatMap((e) => (e.event === event ? [e.payload as EventPayloads[typeof event]] : []));

    const position: ChatClient['position'] = (event, predicate, after = 0) =>
      app.events.findIndex((e, i) => i >= after && e.event === event && predicate(e.payload as EventPayloads[typeof event]));

    const view = await call('addAccount', {
      jid,
      password: password(jid.slice(0, jid.indexOf('@'))),
      rememberPassword: true,
      ...(options.resource === undefined ? {} : { resource: options.resource }),
    });
    const accountId = view.settings.id;
    const stage = async <S extends ConnectionState['stage']>(wanted: S, after = 0) => {
      const event = await next('connectionChanged', (p) => p.accountId === accountId && p.state.stage === wanted, { after });
      return event.state as Extract<ConnectionState, { stage: S }>;
    };
    const online = await stage('online');
    // The chat features attach right after 'online': the first roster answer says they are in place.
    await next('rosterChanged', (p) => p.accountId === accountId);
    return { app, accountId, jid, fullJid: online.fullJid, call, mark: () => app.events.length, next, all, position, stage };
  } catch (error) {
    await app.close();
    throw error;
  }
}
