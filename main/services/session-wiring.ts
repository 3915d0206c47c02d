/**
 * Turns a verified TLS connection into an online XMPP session (SASL, bind, stream management) for the
 * account controller. Kept behind this one function so the services and the Electron shell do not depend on
 * how the session is built.
 */
import type { Element } from '@xmpp/xml';
import { jidDomainForm } from '../../app/domain/address/domain-name.js';
import type { OnlineSession, OpenSessionArgs } from '../xmpp/account-connection.js';
import { createSession } from '../xmpp/session/open-session.js';

export async function openXmppSession(args: OpenSessionArgs): Promise<OnlineSession> {
  const session = createSession({
    // The stream's `to` and our JID carry the U-label (RFC 7622 §3.2.1); DNS, SNI and the verdict used the A-label.
    domain: jidDomainForm(args.domain),
    credentials: { username: args.localpart, password: args.password },
    resource: args.resource,
    previousMechanism: args.previousMechanism,
  });
  // The controller only calls this after the verdict was verified or the user decided (account-connection.ts).
  let resumable = false;
  let reported = new Set<string>();
  /** Stanzas handed back by a resumption the server refused, until the queue takes them. */
  let handedBack: string[] = [];
  session.on('disconnected', (event) => {
    resumable = event.resumable;
  });
  const start = await session.open({ connection: args.connection, tlsVerified: true });
  let acknowledged = start.kind === 'bound' ? start.streamManagement : true;
  const idsOf = (stanzas: readonly Element[]) => stanzas.map((s) => s.attrs.id).filter((id): id is string => typeof id === 'string');
  return {
    link: session,
    fullJid: start.jid,
    mechanism: start.mechanism,
    get resumable() {
      return resumable;
    },
    get acknowledged() {
      return acknowledged;
    },
    get preApproval() {
      return session.preApproval;
    },
    onAcked: (listener) => {
      session.on('acked', (stanza) => {
        if (typeof stanza.attrs.id === 'string') listener(stanza.attrs.id);
      });
    },
    takeUnacknowledged: () => {
      const ids = handedBack.length > 0 ? handedBack : resumable ? [] : idsOf(session.unacknowledged());
      handedBack = [];
      const fresh = ids.filter((id) => !reported.has(id));
      for (const id of fresh) reported.add(id);
      return fresh;
    },
    reopen: async (connection) => {
      resumable = false;
      // Re-verified by the controller before this call, exactly like a first connection.
      const next = await session.open({ connection, tlsVerified: true });
      reported = new Set();
      if (next.kind === 'bound') {
        acknowledged = next.streamManagement;
        handedBack = idsOf(next.notResumed?.unacked ?? []);
      }
      return next.kind;
    },
    close: () => session.close(),
    onClosed: (listener) => {
      session.onClosed(listener);
    },
  };
}
