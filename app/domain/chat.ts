/** Contacts, presence and messages. Every string here came from the network: render it as text only. */
import type { AccountId } from './account.js';
import type { MessageChanges, ReplyTarget } from './message-changes.js';

export type Subscription = 'none' | 'to' | 'from' | 'both';

export interface RosterItem {
  readonly jid: string;
  readonly name: string | null;
  readonly groups: readonly string[];
  readonly subscription: Subscription;
  /** We asked to see their presence and they have not answered. */
  readonly pendingOut: boolean;
  /** We pre-approved their future request. */
  readonly approved: boolean;
}

/** How available an online resource is, most available first. */
export const SHOWS = ['chat', 'online', 'away', 'xa', 'dnd'] as const;
export type Show = (typeof SHOWS)[number];

/** What the user can set as their own presence: one of the shows, or offline (unavailable). */
export const PRESENCE_CHOICES = [...SHOWS, 'offline'] as const;
export type PresenceChoice = (typeof PRESENCE_CHOICES)[number];

export interface ResourcePresence {
  readonly resource: string;
  readonly show: Show;
  readonly status: string | null;
  readonly priority: number;
}

export interface ContactPresence {
  readonly jid: string;
  /** Empty when every resource is offline. */
  readonly resources: readonly ResourcePresence[];
}

/**
 * Changes to presence sharing (RFC 6121 §3): request: ask to see their presence (again); unsubscribe: stop
 * seeing theirs; revoke: stop them seeing ours; pre-approve: let them see ours as soon as they ask (§3.4).
 */
export const SUBSCRIPTION_ACTIONS = ['request', 'unsubscribe', 'revoke', 'pre-approve'] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

export interface SubscriptionRequest {
  readonly accountId: AccountId;
  readonly from: string;
  readonly at: string;
}

export type MessageState = 'queued' | 'sent' | 'delivered' | 'failed' | 'received';

// issue 15: OMEMO
/**
 * Why an encrypted message we received could not be read: a closed set the window words for the person (it never
 * carries anything the sender wrote).
 */
export const UNDECRYPTABLE_REASONS = [
  /** The sender did not encrypt it for this device (their client did not know this device yet). */
  'not-for-this-device',
  /** There is no session with the sending device: one side lost its keys; the next message repairs it. */
  'no-session',
  /** It did not authenticate: damaged, replayed, or the session with that device is out of step. */
  'bad-message',
  /** The sending device's identity key changed or is not trusted: refused until the person decides. */
  'untrusted-device',
  /** The `<encrypted>` element itself was malformed (the wire parser refused it). */
  'malformed',
  /** This account has no OMEMO set up to read it with. */
  'not-set-up',
] as const;
export type UndecryptableReason = (typeof UNDECRYPTABLE_REASONS)[number];

/**
 * How a message travelled, when not in plaintext (absent: plaintext). One field rather than two flags, so that
 * "undecryptable but plain" or "encrypted and undecryptable" cannot be written down.
 */
export type MessageEncryption =
  /**
   * Sent or received with OMEMO. `device`: the sending device's id, when known (an incoming message names it;
   * our own is composed before a device encrypts it).
   */
  | { readonly kind: 'omemo'; readonly device: number | null }
  /**
   * Received with OMEMO but not readable. Its body is empty: never the fallback text that travelled beside the
   * encrypted part (that is addressed to clients without OMEMO, and the server could have written it).
   */
  | { readonly kind: 'undecryptable'; readonly reason: UndecryptableReason; readonly device: number | null };

export interface ChatMessage {
  /** Local id, unique per account. */
  readonly id: string;
  readonly accountId: AccountId;
  /** The other party's bare JID. */
  readonly peer: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  /** ISO time: the server's delay stamp or archive time when present, else when we saw it. */
  readonly at: string;
  readonly state: MessageState;
  /** The stanza `id` attribute, XEP-0359 origin-id and the archive's stanza-id, for de-duplication. */
  readonly stanzaId: string | null;
  readonly originId: string | null;
  readonly archiveId: string | null;
  /** Sent or received by another of our own resources (XEP-0280 carbon). */
  readonly carbon: boolean;
  readonly error: string | null;
  // issue 14: read markers
  /** An incoming message that asked for read markers (XEP-0333 `<markable/>`); absent means it did not. */
  readonly markable?: boolean;
  // issue 14: files
  /**
   * A shared file's https link (XEP-0066 out-of-band data, equal to the body): shown as a file or picture,
   * which only the main process downloads. Absent or null for every other message. issue 15: in a message that
   * travelled encrypted, an `aesgcm://` link (XEP-0454, equal to the decrypted body) whose fragment is the key.
   */
  readonly oobUrl?: string | null;
  // issue 14: message changes (app/domain/message-changes.ts); absent when there are none.
  readonly replyTo?: ReplyTarget;
  readonly changes?: MessageChanges;
  // issue 15: OMEMO. Absent for a plaintext message.
  readonly encryption?: MessageEncryption;
}

/** XEP-0085 chat states. */
export const CHAT_STATES = ['active', 'composing', 'paused', 'inactive', 'gone'] as const;
export type ChatState = (typeof CHAT_STATES)[number];

export interface HistoryPage {
  readonly messages: readonly ChatMessage[];
  /** True when the archive has nothing older. */
  readonly complete: boolean;
}
