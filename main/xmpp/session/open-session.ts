/**
 * The entry points. `openOnlineSession` is what the account controller opens on a connection it verified.
 * `openSession` is the one-call form for any caller: a new session, opened on a verified connection.
 * `createSession` lets the caller attach listeners and iq handlers before the first open() (needed when
 * resuming, since the server replays unacknowledged stanzas immediately after <resumed/>).
 */
import type { LoginProtection } from '../../../app/domain/sasl-mechanism.js';
import type { MechanismName } from '../sasl/mechanism.js';
import type { OnlineSession, OpenSessionArgs } from './online-session.js';
import { XmppSession, type OpenRequest, type SessionConfig } from './xmpp-session.js';

export type OpenSessionOptions = SessionConfig & OpenRequest;

/** A session that has been online: its login mechanism is known (to remember against downgrades). */
export type OnlineXmppSession = XmppSession & { readonly mechanism: MechanismName; readonly login: LoginProtection };

export function createSession(config: SessionConfig): XmppSession {
  return new XmppSession(config);
}

/** Resolves with the online session; rejects with the typed error of the first failure (see XmppSession.open). */
export async function openSession(options: OpenSessionOptions): Promise<OnlineXmppSession> {
  const session = new XmppSession(options);
  await session.open(options);
  // open() resolved, so a login succeeded and `mechanism` is set.
  return session as OnlineXmppSession;
}

/**
 * The controller's session. It calls this only after the verdict was verified or the user decided.
 * `timeouts`: the defaults, unless a caller (a test that cannot wait 30 s for keep-alive) gives shorter ones.
 */
export function openOnlineSession(args: OpenSessionArgs, timeouts?: OpenSessionOptions['timeouts']): Promise<OnlineSession> {
  return openSession({
    connection: args.connection,
    serverProof: args.serverProof,
    domain: args.domain,
    credentials: { username: args.localpart, password: args.password },
    resource: args.resource,
    previousMechanism: args.previousMechanism,
    ...(timeouts ? { timeouts } : {}),
  });
}
