/**
 * What the account controller (account-connection.ts) and the account's chat need from a session that has
 * logged in. XmppSession is the one implementation; openOnlineSession (open-session.ts) makes one.
 */
import type { LoginProtection } from '../../../app/domain/sasl-mechanism.js';
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { XmppLink } from '../link.js';
import type { RememberedMechanism } from '../sasl/select.js';
import type { MechanismName } from '../sasl/mechanism.js';
import type { SecuredConnection } from '../secure-connect.js';

export interface OnlineSession {
  readonly link: XmppLink;
  readonly fullJid: string;
  readonly mechanism: MechanismName;
  /** How the last login on this session was protected (shown in the security panel). */
  readonly login: LoginProtection;
  /** True after a drop when the server may let this session continue on a new connection (XEP-0198). */
  readonly resumable: boolean;
  /** XEP-0198 is on for the current stream: the server acknowledges each stanza we send. */
  readonly acknowledged: boolean;
  /** The server offers subscription pre-approval (RFC 6121 §3.4). */
  readonly preApproval: boolean;
  /**
   * Calls the listener with the `id` of each of our stanzas the server acknowledged (on a stream whose server
   * refused stream management after the session went online: each one written, all the certainty there is).
   */
  onAcked(listener: (stanzaId: string) => void): void;
  /**
   * Ids of our stanzas the server cannot be shown to have received (a stream that ended or was not resumed);
   * each id is reported once, for the outgoing queue to send again.
   */
  takeUnacknowledged(): readonly string[];
  /**
   * Continues on a new, already verified connection: 'resumed' when the server kept the session, else 'bound'.
   * `serverProof` is that connection's own verdict's method (each reconnect is verified, and decided, afresh).
   */
  reopen(connection: SecuredConnection, serverProof: TrustMethod): Promise<'resumed' | 'bound'>;
  close(): Promise<void>;
  /** Called whenever the stream ends; `error` is null for a clean close we asked for. */
  onClosed(listener: (error: Error | null) => void): void;
}

/** What the controller opens a session with, on a connection it verified (or the user decided on). */
export interface OpenSessionArgs {
  readonly connection: SecuredConnection;
  /** The method of the connection's verified verdict; PLAIN only after 'pkix', 'posh' or 'pin'. */
  readonly serverProof: TrustMethod;
  /** The JID domain (A-label). */
  readonly domain: string;
  readonly localpart: string;
  readonly password: string;
  readonly resource: string;
  readonly previousMechanism: RememberedMechanism | null;
}
