/**
 * The two pieces that turn a verified TLS connection into a chat: the XMPP session (SASL, bind, stream
 * management) and the chat features on top of it. Kept behind these two functions so the services and the
 * Electron shell do not depend on how either is built.
 */
import type { OnlineSession, OpenSessionArgs } from '../xmpp/account-connection.js';

export async function openXmppSession(_args: OpenSessionArgs): Promise<OnlineSession> {
  throw new Error('The XMPP session is not built yet.');
}
