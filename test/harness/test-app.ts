/**
 * The whole main-process side of the app, built for a test: real services and stores in a temp directory,
 * real network code pointed at the test's loopback servers, a real cipher. Events are relayed to whoever
 * listens (the e2e harness pushes them into the page; integration tests record them).
 */
import type { TrustChange } from '../../app/domain/trust-change.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import type { EventName } from '../../app/ipc/channels.js';
import type { EventPayloads } from '../../app/ipc/contract.js';
import type { RequestHandlers } from '../../main/ipc/handlers.js';
import { createDnsResolver, createNameLookup } from '../../main/net/name-lookup.js';
import { isSafeExternalUrl } from '../../main/electron/external-url.js';
import { createAppServices, type AppServices, type AppServicesOptions, type NetworkDeps } from '../../main/services/create-app-services.js';
import { createHandlers } from '../../main/services/create-handlers.js';
import type { NetworkStatus } from '../../main/xmpp/account-connection.js';
import { openOnlineSession } from '../../main/xmpp/session/open-session.js';
import { createTestCipher } from './test-cipher.js';

export interface RecordedEvent {
  readonly event: EventName;
  readonly payload: unknown;
}

export interface TestApp {
  readonly dataDir: string;
  readonly services: AppServices;
  readonly handlers: RequestHandlers;
  readonly events: RecordedEvent[];
  readonly notices: string[];
  readonly openedExternally: string[];
  /** Every trust change the main process asked the person to confirm, in order. */
  readonly confirmations: TrustChange[];
  /** Forward every event to this listener as well (the e2e harness's page). */
  forwardEvents(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly network?: Partial<NetworkDeps>;
  readonly reconnectDelay?: (attempt: number) => number;
  readonly networkStatus?: NetworkStatus;
  /**
   * Stands in for the person's click in the main process's own confirmation dialog (native in the app).
   * Default: confirmed, as a person who chose the same answer in the window would.
   */
  readonly confirm?: (change: TrustChange) => boolean | Promise<boolean>;
  /** False: a computer without a key store that protects secrets (Linux's basic_text). Default: true. */
  readonly keyStore?: boolean;
  /**
   * The OS key store's own key (default: a new one per app). An app started again on an earlier app's `dataDir`
   * passes the earlier one's, as the same computer would: its saved password and encryption keys open again.
   */
  readonly keyStoreKey?: Buffer;
  /**
   * Stands in for the person's choice in the main process's own open-file dialog ("add a certificate
   * authority"): a path, or null for Cancel. Default: Cancel.
   */
  readonly pickCaFile?: () => string | null | Promise<string | null>;
  /** Opens the session on a verified connection (default: the app's own); e.g. one with shorter keep-alive timeouts. */
  readonly openSession?: AppServicesOptions['openSession'];
  /** The app's clock (default: the real one); lets a test age the POSH cache without waiting. */
  readonly now?: () => Date;
  /** issue 14: files. The file dialogs' stand-ins, limits, and whether downloads may reach loopback. */
  readonly files?: AppServicesOptions['files'];
  /** issue 15: OMEMO in the chats (on by default, as in the app; false switches it off). */
  readonly omemo?: boolean;
  /**
   * The data directory of an earlier app, to start the app again on what it left (a restart). The caller
   * owns it: closing the app leaves it in place. Default: a fresh directory, removed on close.
   */
  readonly dataDir?: string;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'hostproof-app-')));
  const events: RecordedEvent[] = [];
  const notices: string[] = [];
  const openedExternally: string[] = [];
  const confirmations: TrustChange[] = [];
  let forward: (<E extends EventName>(event: E, payload: EventPayloads[E]) => void) | null = null;
  const services = createAppServices({
    dataDir,
    cipher: createTestCipher(options.keyStore ?? true, options.keyStoreKey),
    emit: (event, payload) => {
      events.push({ event, payload });
      forward?.(event, payload);
    },
    network: {
      ca: options.network?.ca ?? rootCertificates,
      lookup: options.network?.lookup ?? createNameLookup(),
      dns: options.network?.dns ?? createDnsResolver(),
      connectTo: options.network?.connectTo,
    },
    openSession: options.openSession ?? openOnlineSession,
    now: options.now,
    notice: (text) => notices.push(text),
    confirm: async (change) => {
      confirmations.push(change);
      return (await options.confirm?.(change)) ?? true;
    },
    pickCaFile: async () => (await options.pickCaFile?.()) ?? null,
    reconnectDelay: options.reconnectDelay,
    networkStatus: options.networkStatus,
    files: options.files, // issue 14: files
    ...(options.omemo === undefined ? {} : { omemo: options.omemo }), // issue 15: OMEMO
  });
  const handlers = createHandlers({
    appInfo: { name: 'Hostproof', version: '0.0.0-test', platform: process.platform, dataPath: dataDir },
    accounts: services.accounts,
    trustCenter: services.trustCenter,
    extraCas: services.extraCas,
    historySearch: services.historySearch,
    historyAround: services.historyAround,
    historyControl: services.historyControl,
    retention: services.retention,
    roomAlerts: services.roomAlerts,
    avatars: services.avatars,
    readMarkerSettings: services.readMarkerSettings, // issue 14: read markers
    openExternal: async (url) => void openedExternally.push(url),
    isSafeExternalUrl,
    files: services.files, // issue 14: files
    deviceTrust: services.deviceTrust, // issue 15: OMEMO devices
    conversationEncryption: services.conversationEncryption, // issue 15: the per-conversation choice
  });
  return {
    dataDir,
    services,
    handlers,
    events,
    notices,
    openedExternally,
    confirmations,
    forwardEvents: (listener) => {
      forward = listener;
    },
    close: async () => {
      await services.shutdown();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
