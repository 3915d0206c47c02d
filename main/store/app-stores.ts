/**
 * Every store of the app's data directory, opened with one lock registry (stores on the same file must share
 * it, see path-locks.ts). The one place that knows the directory's layout, and the one list of the stores that
 * keep something per account: removing an account forgets it in all of them through `accountData`.
 * Pins and the POSH cache belong to domains, which other accounts may share, so they outlive an account.
 * The OMEMO key file is opened once for every account (each account's rows are sealed under its own data key,
 * sealed-keys.ts); a file that does not open is reported and left as it is, and OMEMO stays off (fail closed).
 */
import path from 'node:path';
import type { PoshCachePersistence } from '../trust/posh/posh-cache.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import { createExtraCaStore, type ExtraCaStore } from './extra-ca-store.js';
import { createHistoryRetentionStore, type HistoryRetentionStore } from './history-retention-store.js';
import { createReadMarkerSettingsStore, type ReadMarkerSettingsStore } from './read-marker-settings-store.js';
import { createFilePreferencesStore, type FilePreferencesStore } from './file-preferences-store.js';
import { createLoginMemory, type LoginMemory } from './login-memory.js';
import { createPasswordVault, type PasswordVault, type SecretCipher } from './password-vault.js';
import { createPathLocks } from './path-locks.js';
import { forgetInEvery, type PerAccountStore } from './per-account-store.js';
import { openMessageDb, type MessageDb } from './messages/message-db.js';
import type { MessageDbProblem } from './messages/open-database.js';
import { createPinStore, type PinStore } from './pin-store.js';
import { createPoshCacheFile } from './posh-cache-file.js';
import { createConversationEncryptionStore, type ConversationEncryptionStore } from './conversation-encryption-store.js';
import { createRoomNotifyStore, type RoomNotifyStore } from './room-notify-store.js';
import { forgetOmemoKeys } from './omemo/sealed-keys.js';
import { openOmemoKeyFile, type OmemoKeyFileProblem, type OpenedOmemoKeyFile } from './omemo/omemo-key-file.js';
import { createTrustLog, type TrustLog, type TrustLogProblem } from './trust-log.js';
import type { StoreProblem } from './versioned-json-file.js';

export interface AppStoresOptions {
  readonly dataDir: string;
  readonly cipher: SecretCipher;
  /** Used to name a damaged file when it is moved aside. */
  readonly now: () => Date;
  /** Told about damaged files, in words for the user. */
  readonly report: (problem: StoreProblem | TrustLogProblem | MessageDbProblem | OmemoKeyFileProblem) => void;
}

export interface AppStores {
  readonly pins: PinStore;
  readonly poshCache: PoshCachePersistence;
  readonly accounts: AccountStore;
  readonly vault: PasswordVault;
  readonly logins: LoginMemory;
  readonly trustLog: TrustLog;
  /** The certificate authorities the user added on top of the system's roots. */
  readonly extraCas: ExtraCaStore;
  /** The local message history (SQLite). */
  readonly messages: MessageDb;
  /** How long that history is kept (forever unless the user chose a period). */
  readonly retention: HistoryRetentionStore;
  /** How much each room may notify, per account (rooms: mentions and notifications). */
  readonly roomNotify: RoomNotifyStore;
  /** issue 15: the conversations the person chose not to encrypt, per account. */
  readonly conversationEncryption: ConversationEncryptionStore;
  /** issue 14: read markers. Whether to tell contacts when you have read their messages. */
  readonly readMarkers: ReadMarkerSettingsStore;
  /** issue 14: files. Whose pictures load by themselves. */
  readonly filePreferences: FilePreferencesStore;
  /** issue 15: the OMEMO key file (omemo-keys.sqlite), or why it did not open (already reported). */
  readonly omemoKeys: OpenedOmemoKeyFile;
  /** Forgets an account in every store that keeps something per account (not the account list itself). */
  readonly accountData: PerAccountStore;
}

export function openAppStores(options: AppStoresOptions): AppStores {
  const { now, report } = options;
  const locks = createPathLocks();
  const file = (name: string) => path.join(options.dataDir, name);

  const perAccount = {
    vault: createPasswordVault({ file: file('passwords.json'), cipher: options.cipher, now, report, locks }),
    logins: createLoginMemory({ file: file('logins.json'), now, report, locks }),
    trustLog: createTrustLog({ dir: file('trust-log'), report, locks }),
    roomNotify: createRoomNotifyStore({ file: file('room-notify.json'), now, report, locks }),
    conversationEncryption: createConversationEncryptionStore({ file: file('conversation-encryption.json'), now, report, locks }),
  } satisfies Record<string, PerAccountStore>;

  const omemoKeys = openOmemoKeyFile(file('omemo-keys.sqlite'));
  if (!omemoKeys.ok) report(omemoKeys.problem);
  // A key file that did not open holds nothing we could delete without guessing: it is left as it is.
  const omemoAccountKeys: PerAccountStore = {
    forget: async (accountId) => {
      if (omemoKeys.ok) forgetOmemoKeys(omemoKeys.db, accountId);
    },
  };

  return {
    pins: createPinStore({ file: file('pins.json'), now, report, locks }),
    poshCache: createPoshCacheFile({ file: file('posh-cache.json'), now, report, locks }),
    accounts: createAccountStore({ file: file('accounts.json'), now, report, locks }),
    extraCas: createExtraCaStore({ file: file('extra-cas.json'), now, report, locks }),
    messages: openMessageDb({ file: file('messages.sqlite'), now, report }),
    retention: createHistoryRetentionStore({ file: file('history-retention.json'), now, report, locks }),
    readMarkers: createReadMarkerSettingsStore({ file: file('read-markers.json'), now, report, locks }), // issue 14: read markers
    filePreferences: createFilePreferencesStore({ file: file('file-preferences.json'), now, report, locks }), // issue 14: files
    omemoKeys,
    ...perAccount,
    accountData: forgetInEvery([...Object.values(perAccount), omemoAccountKeys]),
  };
}
