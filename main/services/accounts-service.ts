/**
 * Accounts and their connections: the contract's account requests, the decision answers, and access to each
 * online account's chat features. One AccountConnection per account; nothing here talks to the network
 * itself.
 */
import type { AccountId, AccountSettings, AccountView, TrustDecision } from '../../app/domain/account.js';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import { bareJidOrNull, parseBareJid } from '../../app/domain/address/jid.js';
import type { RequestPayload } from '../../app/ipc/contract.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { AccountConnection } from '../xmpp/account-connection.js';
import type { AccountChat } from './account-chat.js';
import type { AccountStore } from '../store/account-store.js';
import type { ChatFeatures } from './chat-features.js';
import type { ChatHistory } from './stored-history.js';
import type { EmitEvent } from './event-sink.js';
import type { PasswordVault } from '../store/password-vault.js';
import type { PerAccountStore } from '../store/per-account-store.js';

export interface AccountsServiceDeps {
  readonly store: AccountStore;
  readonly vault: PasswordVault;
  /** Everything the stores keep per account (the vault among them), forgotten when the account is removed. */
  readonly accountData: PerAccountStore;
  readonly emit: EmitEvent;
  /** The account's chat (conversations, queue), which outlives its connections. */
  readonly createChat: (settings: AccountSettings, changed: () => void) => AccountChat;
  /** The stored history of an account that has no chat in this run (never connected since the app started). */
  readonly storedHistory: (accountId: AccountId) => ChatHistory;
  /** Builds the connection controller of one account, which attaches the chat when it is online. */
  readonly createConnection: (settings: AccountSettings, chat: AccountChat) => AccountConnection;
  /** The main process's own confirmation of a change of trust (here: an account's server address). */
  readonly confirm: ConfirmTrustChange;
  /** Deletes the account's history on this computer (when it is removed and the person chose so). */
  readonly deleteHistory: (accountId: AccountId) => void;
}

export interface AccountsService {
  list(): Promise<readonly AccountView[]>;
  add(request: RequestPayload<'addAccount'>): Promise<AccountView>;
  update(request: RequestPayload<'updateAccount'>): Promise<AccountView>;
  /** `deleteHistory`: also delete its history on this computer. */
  remove(accountId: AccountId, options: { readonly deleteHistory: boolean }): Promise<void>;
  connect(accountId: AccountId, password?: string): Promise<void>;
  disconnect(accountId: AccountId): Promise<void>;
  decide(requestId: string, decision: TrustDecision): Promise<void>;
  features(accountId: AccountId): ChatFeatures;
  /** The account's conversations and history: its chat's when it has one in this run, else the stored ones. */
  history(accountId: AccountId): ChatHistory;
  jidOf(accountId: AccountId): Promise<string>;
  /** Whether a remembered password is stored (protected by the OS key store) or kept for this run only. */
  canRememberPasswords(): Promise<boolean>;
  autoConnect(): Promise<void>;
  shutdown(): Promise<void>;
}

interface Live {
  readonly connection: AccountConnection;
  readonly chat: AccountChat;
}

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  const live = new Map<AccountId, Live>();

  const liveFor = (settings: AccountSettings): Live => {
    let entry = live.get(settings.id);
    if (!entry) {
      const chat = deps.createChat(settings, () => void announce());
      entry = { chat, connection: deps.createConnection(settings, chat) };
      live.set(settings.id, entry);
    }
    return entry;
  };

  const view = (settings: AccountSettings): AccountView => {
    const entry = live.get(settings.id);
    return {
      settings,
      connection: entry?.connection.state ?? { stage: 'offline' },
      lastVerdict: entry?.connection.lastVerdict ?? null,
      serverKeepsArchive: entry?.chat.serverKeepsArchive() ?? null,
    };
  };

  const list = async () => (await deps.store.list()).map(view);
  const announce = async () => deps.emit('accountsChanged', await list());

  const settingsOf = async (accountId: AccountId): Promise<AccountSettings> => {
    const settings = await deps.store.get(accountId);
    if (!settings) throw new UserFacingError('That account no longer exists.');
    return settings;
  };

  const connect = async (accountId: AccountId, password?: string) => {
    const settings = await settingsOf(accountId);
    if (!settings.enabled) throw new UserFacingError('This account is disabled. Enable it to connect.');
    const secret = password ?? (await deps.vault.get(accountId));
    if (secret === null) throw new UserFacingError('No password is saved for this account. Enter it to connect.');
    if (password !== undefined && settings.rememberPassword) await deps.vault.set(accountId, password);
    liveFor(settings).connection.connect(secret);
  };

  const stopLive = async (accountId: AccountId) => {
    const entry = live.get(accountId);
    if (!entry) return;
    await entry.connection.disconnect();
    entry.chat.close();
    live.delete(accountId);
  };

  return {
    list,
    add: async (request) => {
      const parsed = parseBareJid(request.jid);
      if (!parsed.ok) throw new UserFacingError(parsed.problem.message);
      // Canonical, domain in U-labels: "Alice@xn--bcher-kva.test" and "alice@Bücher.test" are one account.
      const jid = parsed.value.bare;
      if ((await deps.store.list()).some((a) => bareJidOrNull(a.jid) === jid)) throw new UserFacingError(`${jid} is already set up.`);
      const settings = await deps.store.add({
        jid,
        resource: request.resource ?? `hostproof-${Math.random().toString(36).slice(2, 8)}`,
        server: request.server ?? null,
        autoConnect: request.autoConnect ?? true,
        enabled: true,
        rememberPassword: request.rememberPassword && (await deps.vault.canRemember()),
      });
      if (settings.rememberPassword) await deps.vault.set(settings.id, request.password);
      await announce();
      await connect(settings.id, request.password);
      return view(settings);
    },
    update: async (request) => {
      const { accountId, password, ...requested } = request;
      // Never record "remembered" where no key store protects it: the form would show a promise not kept.
      const patch = requested.rememberPassword === true && !(await deps.vault.canRemember()) ? { ...requested, rememberPassword: false } : requested;
      const before = await settingsOf(accountId);
      // Where the password goes is a trust decision: a new server address needs the main process's own
      // confirmation, so a compromised window cannot point the account at its own server.
      if (patch.server !== undefined && !sameServer(before.server, patch.server)) {
        const change = { kind: 'change-server', account: before.jid, from: before.server, to: patch.server } as const;
        if (!(await deps.confirm(change))) throw new UserFacingError(NOT_CONFIRMED);
      }
      const updated = await deps.store.update(accountId, patch);
      if (!updated) throw new UserFacingError('That account no longer exists.');
      if (updated.rememberPassword && password !== undefined) await deps.vault.set(accountId, password);
      if (!updated.rememberPassword && before.rememberPassword) await deps.vault.forget(accountId);
      // Any edit ends "connect once": the user's one-time acceptance was for the account as it was.
      live.get(accountId)?.connection.forgetAcceptedOnce();
      // Connection settings changed: the controller was built with the old ones.
      if (!updated.enabled || patch.server !== undefined || patch.resource !== undefined) await stopLive(accountId);
      await announce();
      return view(updated);
    },
    remove: async (accountId, { deleteHistory }) => {
      await stopLive(accountId);
      // Stopped first: no message of this account is being stored any more.
      if (deleteHistory) deps.deleteHistory(accountId);
      await deps.accountData.forget(accountId);
      await deps.store.remove(accountId);
      await announce();
    },
    connect,
    disconnect: async (accountId) => {
      await live.get(accountId)?.connection.disconnect();
    },
    decide: async (requestId, decision) => {
      for (const entry of live.values()) {
        const outcome = await entry.connection.decide(requestId, decision);
        if (outcome === 'answered') return;
        if (outcome === 'not-confirmed') throw new UserFacingError(NOT_CONFIRMED);
      }
      throw new UserFacingError('That question was already answered or the connection attempt has ended.');
    },
    features: (accountId) => {
      const chat = live.get(accountId)?.chat;
      if (!chat) throw new UserFacingError('This account is not connected. Connect it first.');
      return chat;
    },
    history: (accountId) => live.get(accountId)?.chat ?? deps.storedHistory(accountId),
    jidOf: async (accountId) => (await settingsOf(accountId)).jid,
    canRememberPasswords: () => deps.vault.canRemember(),
    autoConnect: async () => {
      for (const settings of await deps.store.list()) {
        if (!settings.enabled || !settings.autoConnect) continue;
        if ((await deps.vault.get(settings.id)) === null) continue;
        await connect(settings.id).catch(() => undefined);
      }
    },
    shutdown: async () => {
      await Promise.all([...live.keys()].map(stopLive));
    },
  };
}

/** Said when the person did not confirm a trust change in the main process's own dialog. */
export const NOT_CONFIRMED = 'Not confirmed in Hostproof\'s own dialog, so nothing was changed.';

function sameServer(a: AccountSettings['server'], b: AccountSettings['server']): boolean {
  if (a === null || b === null) return a === b;
  return a.host === b.host && a.port === b.port && a.directTls === b.directTls;
}
