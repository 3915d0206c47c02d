/**
 * Turns a verified TLS connection into an online XMPP session (SASL, bind, stream management) for the
 * account controller. Kept behind this one function so the services and the Electron shell do not depend on
 * how the session is built.
 */
import type { OnlineSession, OpenSessionArgs } from '../xmpp/account-connection.js';
import { createSession } from '../xmpp/session/open-session.js';

export async function openXmppSession(args: OpenSessionArgs): Promise<OnlineSession> {
  const session = createSession({
    domain: args.domain,
    credentials: { username: args.localpart, password: args.password },
    resource: args.resource,
    previousMechanism: args.previousMechanism,
  });
  // The controller only calls this after the verdict was verified or the user decided (account-connection.ts).
  let resumable = false;
  session.on('disconnected', (event) => {
    resumable = event.resumable;
  });
  const start = await session.open({ connection: args.connection, tlsVerified: true });
  return {
    link: session,
    fullJid: start.jid,
    mechanism: start.mechanism,
    get resumable() {
      return resumable;
    },
    reopen: async (connection) => {
      resumable = false;
      // Re-verified by the controller before this call, exactly like a first connection.
      const next = await session.open({ connection, tlsVerified: true });
      return next.kind;
    },
    close: () => session.close(),
    onClosed: (listener) => {
      session.onClosed(listener);
    },
  };
}
