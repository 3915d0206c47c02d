/** Accounts and the life of their connection, as both processes see them. */
import type { LoginProtection, MechanismName } from './sasl-mechanism.js';
import type { ConnectedEndpoint, Pin, TrustVerdict } from './trust.js';

export type AccountId = string;

export interface AccountSettings {
  readonly id: AccountId;
  /** The bare JID, e.g. `alice@example.com` (domain as typed; the engine uses its A-label). */
  readonly jid: string;
  readonly resource: string;
  /** A host and port the user set, which skips SRV; null for normal resolution. */
  readonly server: { readonly host: string; readonly port: number; readonly directTls: boolean } | null;
  readonly autoConnect: boolean;
  readonly enabled: boolean;
  /** Whether a password is kept (encrypted with the OS key store); the password itself never crosses IPC. */
  readonly rememberPassword: boolean;
}

export type ConnectionErrorKind =
  | 'resolve' // DNS said there is no server, or failed
  | 'connect' // no candidate could be reached
  | 'tls-required' // the server offered no encryption
  | 'trust-cancelled' // the user chose Cancel in the decision dialog
  | 'authentication' // wrong user name or password, or a SCRAM server signature that did not verify
  | 'mechanism-downgrade' // the server offered only weaker authentication than it did before
  | 'password-needed' // no password stored and none given
  | 'stream' // the server closed the stream with an error
  | 'internal';

export interface ConnectionError {
  readonly kind: ConnectionErrorKind;
  /** Plain words: what happened and what to try. */
  readonly message: string;
}

/** Where a connection is. Each stage carries exactly what the UI needs to show it. */
export type ConnectionState =
  | { readonly stage: 'offline' }
  | { readonly stage: 'resolving' }
  | { readonly stage: 'connecting'; readonly endpoint: ConnectedEndpoint }
  | { readonly stage: 'verifying'; readonly endpoint: ConnectedEndpoint }
  | { readonly stage: 'awaiting-decision'; readonly endpoint: ConnectedEndpoint; readonly request: TrustDecisionRequest }
  | { readonly stage: 'authenticating'; readonly endpoint: ConnectedEndpoint; readonly verdict: TrustVerdict }
  /** `login`: how this session's login was protected (mechanism, channel binding), for the security panel. */
  | { readonly stage: 'online'; readonly endpoint: ConnectedEndpoint; readonly verdict: TrustVerdict; readonly fullJid: string; readonly login: LoginProtection }
  /** `retryAt` null: the computer is offline; the attempt starts as soon as the network is back. */
  | { readonly stage: 'reconnecting'; readonly retryAt: string | null; readonly attempt: number; readonly lastError: ConnectionError }
  | { readonly stage: 'failed'; readonly error: ConnectionError; readonly verdict: TrustVerdict | null };

export interface AccountView {
  readonly settings: AccountSettings;
  readonly connection: ConnectionState;
  /** The last verdict of this account's server (kept while offline, for the badge and the security panel). */
  readonly lastVerdict: TrustVerdict | null;
  /**
   * Whether the account's server keeps a message archive (XEP-0313), as learnt at this run's last login; null
   * when not known yet. Without one, history is only what this computer saved: the conversation says so.
   */
  readonly serverKeepsArchive: boolean | null;
}

// ---------- Asking the user ----------

/**
 * What the user can answer when a server's certificate needs a decision (trust-ux.md). 'check-again' is the
 * only way forward on a POSH mismatch: ask the domain's web site afresh (no cached answer) and verify again.
 * 'log-in-unbound' answers the other question this machinery asks (UnboundLoginQuestion).
 */
export const TRUST_DECISIONS = ['cancel', 'connect-once', 'pin', 'replace-pin', 'check-again', 'log-in-unbound'] as const;
export type TrustDecision = (typeof TRUST_DECISIONS)[number];

export interface TrustDecisionRequest {
  readonly requestId: string;
  readonly accountId: AccountId;
  readonly verdict: TrustVerdict;
  /** For "key changed": the pin the presented key contradicts. */
  readonly previousPin: Pin | null;
  /**
   * Which decisions are offered: 'replace-pin' instead of 'pin' when a different key is pinned; on a POSH
   * mismatch no override at all, only 'cancel' and 'check-again'.
   */
  readonly choices: readonly TrustDecision[];
  /**
   * Present only for the channel-binding question (posh.md §7.5: an account that logged in bound before and
   * now cannot bind is a downgrade, ask first). The server's identity was verified then: `verdict` is that
   * verified verdict, `previousPin` is null and the choices are 'cancel' and 'log-in-unbound'.
   */
  readonly unboundLogin?: UnboundLoginQuestion;
}

/** What the user is told when a login that was bound to its TLS connection (`-PLUS`) could not be bound now. */
export interface UnboundLoginQuestion {
  /** The channel-bound mechanism this account last logged in with. */
  readonly previous: MechanismName;
  /** The mechanism the login would use without channel binding. */
  readonly unbound: MechanismName;
  /** Why this connection cannot be bound, in plain words ("the server no longer offers ..."). */
  readonly reason: string;
}
