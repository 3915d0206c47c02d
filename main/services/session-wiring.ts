/**
 * The two pieces that turn a verified TLS connection into a chat: the XMPP session (SASL, bind, stream
 * management) and the chat features on top of it. Kept behind these two functions so the services and the
 * Electron shell do not depend on how either is built.
 */
import type { OnlineSession, OpenSessionArgs } from '../xmpp/account-connection.js';
import type { ChatFeatures } from './chat-features.js';
import type { EmitEvent } from './event-sink.js';

export async function openXmppSession(_args: OpenSessionArgs): Promise<OnlineSession> {
  throw new Error('The XMPP session is not built yet.');
}

export function attachChatFeatures(_session: OnlineSession, _context: { accountId: string; bareJid: string; emit: EmitEvent }): ChatFeatures {
  throw new Error('The chat features are not built yet.');
}
