/**
 * Builds every main-process service from plain inputs: the data directory, the OS cipher, the network
 * dependencies and the session opener. The Electron shell calls it with real ones; the end-to-end harness
 * calls it with loopback servers and a test cipher. Nothing here is global: two instances can run side by
 * side in one test process.
 *
 * Long because it is the one composition root: it names each service and hands it its parts, and nothing else
 * (each service's logic is in its own file; OMEMO's in omemo/). Splitting it would give the wiring two homes.
 */
import type { AccountId } from '../../app/domain/account.js';
import path from 'node:path';
import { parseBareJid } from '../../app/domain/address/jid.js';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { NameLookup } from '../net/name-lookup.js';
import { createSecureContexts } from '../net/secure-contexts.js';
import { liveTrustRoots } from '../net/trust-roots.js';
import { openAppStores } from '../store/app-stores.js';
import type { MessageDb } from '../store/messages/message-db.js';
import type { SecretCipher } from '../store/password-vault.js';
import { createPoshVerifier } from '../trust/posh/verify-posh.js';
import { createAccountConnection, type NetworkStatus } from '../xmpp/account-connection.js';
import { connectVerified } from '../xmpp/connect-verified.js';
import { nextDelay } from '../xmpp/reconnect-policy.js';
import { createXmppResolver, type DnsQueries } from '../xmpp/resolver.js';
import type { OnlineSession, OpenSessionArgs } from '../xmpp/session/online-session.js';
import { createAccountsService, type AccountsService } from './accounts-service.js';
import { createAccountChat } from './account-chat.js';
import { createStoredHistory } from './stored-history.js';
import { createHistoryAround, type HistoryAroundService } from './history-around.js';
import { createHistorySearch, type HistorySearch } from './history-search.js';
import { createHistoryControl, type HistoryControl } from './history-control.js';
import { createHistoryRetention, intervalTimer, type HistoryRetentionService, type RepeatTimer } from './history-retention.js';
import type { EmitEvent } from './event-sink.js';
import { createExtraCaService, type ExtraCaService, type PickCaFile } from './extra-ca-service.js';
import { createRoomAlerts, type RoomAlerts } from './room-alerts.js';
import { createTrustCenterService, type TrustCenterService } from './trust-center-service.js';
import { createAccountOmemo } from './omemo/account-omemo.js';
import { accountKeysIn } from './omemo/account-keys.js';
import { createChatOmemo } from './omemo/chat-omemo.js';
import { createConversationEncryptionService, type ConversationEncryptionService } from './omemo/conversation-encryption-service.js';
import { createDeviceTrustService, type AccountOmemoRecords, type DeviceTrustService } from './omemo/device-trust-service.js';
import { createDeviceTrustStore } from '../omemo/device-trust-store.js';
import { keyStoreOnRecords } from '../omemo/records-key-store.js';
import { createTimeOrderedIds } from './time-ordered-ids.js';
// issue 14: avatars and nicknames
import { createAvatarCache } from '../media/avatar-cache.js';
import { keepSmallPngs, type ImageResizer } from '../media/image-resizer.js';
import { createAvatarService, type AvatarService } from './avatar-service.js';
import { createReadMarkerSettings, type ReadMarkerSettingsService } from './read-marker-settings.js';
import { createHttpsTransfer } from '../files/https-transfer.js';
import { createFileSharing, type ChooseSavePath, type FileSharing, type FileSharingLimits, type PickFileToSend } from './file-sharing.js';

export interface NetworkDeps {
  /**
   * The base roots for both XMPP and HTTPS (POSH): the system's (a test's own CA in tests). The authorities
   * the user adds in the app come on top, read afresh for each connection.
   */
  readonly ca: readonly string[];
  readonly lookup: NameLookup;
  readonly dns: DnsQueries;
  readonly connectTo?: (host: string, port: number) => { host: string; port: number };
}

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly cipher: SecretCipher;
  readonly emit: EmitEvent;
  readonly network: NetworkDeps;
  readonly openSession: (args: OpenSessionArgs) => Promise<OnlineSession>;
  /** Told about damaged files and other problems the user should hear of. */
  readonly notice: (text: string) => void;
  /**
   * The main process's own confirmation of every step that changes trust (pin, replace, connect once, remove a
   * pin, change a server): a native dialog in the app; the tests' stand-in for the person's click.
   */
  readonly confirm: ConfirmTrustChange;
  /** The main process's own open-file dialog, for "add a certificate authority" (native in the app). */
  readonly pickCaFile: PickCaFile;
  readonly now?: () => Date;
  readonly reconnectDelay?: (attempt: number) => number;
  /** Whether the computer has a network (reconnects pause without one). Absent: assumed online. */
  readonly networkStatus?: NetworkStatus;
  /** Runs the daily pruning of old history (default: a real interval); tests pass their own. */
  readonly pruneTimer?: RepeatTimer;
  /**
   * issue 15: OMEMO in the chats (our device published, messages to contacts with devices encrypted). On unless
   * `false` (tests that are about something else and compare bytes on the wire may switch it off).
   */
  readonly omemo?: boolean;
  // issue 14: avatars and nicknames
  /** Makes our own avatar at most 192x192 PNG: nativeImage in the app; default keeps small PNGs only. */
  readonly resizer?: ImageResizer;
  // issue 14: files
  /** Main's own file dialogs (native in the app; absent: nothing is ever chosen), limits, and a test-only switch. */
  readonly files?: {
    readonly pickFile?: PickFileToSend;
    readonly chooseSavePath?: ChooseSavePath;
    readonly limits?: Partial<FileSharingLimits>;
    /** TEST ONLY: downloads may reach loopback (the test world's file servers live on 127.0.0.1). */
    readonly allowPrivateAddressesForTests?: boolean;
  };
}

export interface AppServices {
  readonly accounts: AccountsService;
  readonly trustCenter: TrustCenterService;
  readonly extraCas: ExtraCaService;
  /** The local message history, read directly for accounts that are not connected in this run. */
  readonly history: MessageDb;
  readonly historySearch: HistorySearch;
  readonly historyAround: HistoryAroundService;
  /** Delete and export of that history, by the person's choice. */
  readonly historyControl: HistoryControl;
  /** How long it is kept; pruned at start (`retentionStarted`), daily, and when the setting changes. */
  readonly retention: HistoryRetentionService;
  /** Resolves once the start's pruning is done. */
  readonly retentionStarted: Promise<void>;
  /** What a room message calls for on the desktop, and each room's setting for it. */
  readonly roomAlerts: RoomAlerts;
  // issue 14: avatars and nicknames
  /** Contacts' avatars (checked, kept in the data folder's avatars/) and nicknames, and our own avatar. */
  readonly avatars: AvatarService;
  /** issue 14: read markers. Whether to tell contacts when you have read their messages. */
  readonly readMarkerSettings: ReadMarkerSettingsService;
  /** issue 14: files. Uploads, downloads and whose pictures load by themselves. */
  readonly files: FileSharing;
  /** issue 15: each account's OMEMO devices and the person's trust in them. */
  readonly deviceTrust: DeviceTrustService;
  /** issue 15: the conversations the person chose not to encrypt (turning encryption off is confirmed by main). */
  readonly conversationEncryption: ConversationEncryptionService;
  shutdown(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const now = options.now ?? (() => new Date());
  const stores = openAppStores({ dataDir: options.dataDir, cipher: options.cipher, now, report: (problem) => options.notice(problem.message) });
  const { pins, trustLog, logins } = stores;
  // The one source of roots for XMPP and POSH alike: the base list plus the user's authorities right now.
  const roots = liveTrustRoots({
    base: options.network.ca,
    added: () => stores.extraCas.pems(),
    onError: () => options.notice('The certificate authorities you added could not be read; this connection trusts only the system\'s.'),
  });
  // One secure context per root set for every TLS connection of the app, XMPP and POSH alike.
  const secureContexts = createSecureContexts();
  const posh = createPoshVerifier({
    fetchOptions: { ca: options.network.ca, secureContexts, lookup: options.network.lookup, connectTo: options.network.connectTo },
    roots,
    now,
    persistence: stores.poshCache,
    onPersistenceError: () => options.notice('The POSH cache could not be saved; proofs will be fetched again next time.'),
  });
  const resolver = createXmppResolver({ resolver: options.network.dns });

  // issue 14: avatars and nicknames
  const avatars = createAvatarService({
    cache: createAvatarCache(path.join(options.dataDir, 'avatars')),
    resizer: options.resizer ?? keepSmallPngs,
    emit: options.emit,
    log: () => undefined,
  });

  const readMarkerSettings = createReadMarkerSettings(stores.readMarkers); // issue 14: read markers
  // issue 15: an account's OMEMO records for the trust center: the same sealed rows its chat uses.
  const omemoRecordsOf = async (accountId: AccountId): Promise<AccountOmemoRecords> => {
    if (options.omemo === false) return { ok: false, message: 'Encryption (OMEMO) is switched off.' };
    const keys = accountKeysIn(stores.omemoKeys, accountId, options.cipher);
    if (!keys.ok) return { ok: false, message: keys.problem.message };
    return { ok: true, ownJid: await accounts.jidOf(accountId), keys: keyStoreOnRecords(keys.records), trust: createDeviceTrustStore(keys.records, () => now().getTime()) };
  };
  const accountExists = async (accountId: string) => (await stores.accounts.get(accountId)) !== null;

  const accounts = createAccountsService({
    confirm: options.confirm,
    store: stores.accounts,
    vault: stores.vault,
    accountData: stores.accountData,
    emit: options.emit,
    createChat: (settings, changed) =>
      createAccountChat({
        changed,
        accountId: settings.id,
        accountJid: settings.jid,
        messages: stores.messages,
        emit: options.emit,
        now,
        // In time order: the message history's index of local ids grows at its end (time-ordered-ids.ts).
        ids: createTimeOrderedIds(now),
        // Refused stanzas are normal (spoofing, junk); they are counted by kind, never shown as errors.
        log: () => undefined,
        notice: options.notice,
        avatars,
        sendReadMarkers: () => readMarkerSettings.sendEnabled(), // issue 14: read markers
        // issue 15: OMEMO, its keys sealed in omemo-keys.sqlite by the OS key store
        ...(options.omemo !== false
          ? {
              omemo: createChatOmemo({
                log: () => undefined,
                undecided: (peer, devices) => options.emit('omemoDevicesUndecided', { accountId: settings.id, peer, devices }),
                plaintextChosen: async (peer) => (await stores.conversationEncryption.choice(settings.id, peer)) === 'plaintext',
                create: (send) =>
                  createAccountOmemo({ keys: accountKeysIn(stores.omemoKeys, settings.id, options.cipher), ownJid: settings.jid, now: () => now().getTime(), log: () => undefined, send }),
              }),
            }
          : {}),
      }),
    storedHistory: (accountId) => createStoredHistory(stores.messages, accountId),
    deleteHistory: (accountId) => void stores.messages.clearAccount(accountId),
    createConnection: (settings, chat) => {
      const jid = parseBareJid(settings.jid);
      if (!jid.ok) throw new UserFacingError(`The saved address "${settings.jid}" cannot be used: ${jid.problem.message}`);
      return createAccountConnection({
        confirm: options.confirm,
        accountId: settings.id,
        domain: jid.value.domain.ascii,
        localpart: jid.value.local,
        resource: settings.resource,
        server: settings.server,
        connectVerified: async (request) =>
          connectVerified(request, {
            resolver,
            lookup: options.network.lookup,
            connectTo: options.network.connectTo,
            ca: await roots(),
            secureContexts,
            posh,
            pins,
            now,
          }),
        openSession: options.openSession,
        pins: {
          put: (pin) => pins.put(pin),
          touch: (domain, service, seenAt, certificate) => pins.touch(domain, service, seenAt, certificate),
          markMismatch: (domain, service, at) => pins.markMismatch(domain, service, at),
        },
        forgetPosh: (domain) => posh.forget(domain),
        log: (entry) => trustLog.append(entry),
        onState: (state) => {
          if (state.stage === 'offline' || state.stage === 'failed') chat.detach();
          else if (state.stage === 'reconnecting') chat.suspend();
          options.emit('connectionChanged', { accountId: settings.id, state });
        },
        onDecisionNeeded: (request) => options.emit('trustDecisionNeeded', request),
        onOnline: (session, _verdict, resumed) => {
          const ready = resumed ? chat.resume(session) : chat.attach(session);
          ready.catch((error: unknown) => options.notice(`Signed in, but loading contacts failed: ${String(error)}`));
        },
        now,
        reconnectDelay: options.reconnectDelay ?? ((attempt) => Math.max(250, nextDelay(attempt, Math.random))),
        network: options.networkStatus,
        mechanisms: { get: () => logins.mechanism(settings.id), set: (m) => logins.remember(settings.id, m) },
        onNotice: options.notice,
      });
    },
  });

  const retention = createHistoryRetention({
    store: stores.retention,
    messages: stores.messages,
    now,
    timer: options.pruneTimer ?? intervalTimer,
    notice: options.notice,
  });
  const retentionStarted = retention.start();

  const roomAlerts = createRoomAlerts({
    store: stores.roomNotify,
    now,
    nickOf: (accountId, room) => {
      try {
        return accounts.features(accountId).rooms.nickIn(room);
      } catch {
        // Not connected (any more): not in the room.
        return null;
      }
    },
  });

  // issue 14: files. The same roots and secure contexts as XMPP and POSH: a file server's TLS is checked alike.
  const files = createFileSharing({
    files: (accountId) => accounts.features(accountId).files,
    history: stores.messages,
    transfer: createHttpsTransfer({
      roots,
      secureContexts,
      lookup: options.network.lookup,
      connectTo: options.network.connectTo,
      allowPrivateAddressesForTests: options.files?.allowPrivateAddressesForTests,
    }),
    preferences: stores.filePreferences,
    pickFile: options.files?.pickFile ?? (async () => null),
    chooseSavePath: options.files?.chooseSavePath ?? (async () => null),
    emit: options.emit,
    limits: options.files?.limits,
  });

  return {
    accounts,
    roomAlerts,
    avatars,
    readMarkerSettings, // issue 14: read markers
    files,
    historyControl: createHistoryControl({ messages: stores.messages, jidOf: (accountId) => accounts.jidOf(accountId), now }),
    retention,
    retentionStarted,
    trustCenter: createTrustCenterService({ pins, posh, trustLog, now, confirm: options.confirm }),
    // issue 15; a decision updates the open conversation's notice about undecided devices at once
    deviceTrust: createDeviceTrustService({
      recordsOf: omemoRecordsOf,
      confirm: options.confirm,
      undecided: (accountId, peer, devices) => options.emit('omemoDevicesUndecided', { accountId, peer, devices }),
    }),
    conversationEncryption: createConversationEncryptionService({
      store: stores.conversationEncryption,
      confirm: options.confirm,
      jidOf: (accountId) => accounts.jidOf(accountId),
    }),
    extraCas: createExtraCaService({ store: stores.extraCas, confirm: options.confirm, pickFile: options.pickCaFile, now }),
    history: stores.messages,
    historySearch: createHistorySearch({ db: stores.messages, accountExists }),
    historyAround: createHistoryAround({ db: stores.messages, accountExists }),
    shutdown: async () => {
      retention.stop();
      await retentionStarted;
      await accounts.shutdown();
      stores.messages.close();
      // Closing the last connection checkpoints the key file's WAL into it and removes the WAL.
      if (stores.omemoKeys.ok) stores.omemoKeys.db.close();
    },
  };
}
