/**
 * Test helper: makes two signed-in accounts mutual contacts through the app's own requests (RFC 6121 §3:
 * request → approve, both ways), and waits until each sees the other's presence. Seeing a resource's
 * presence is also how a test knows that resource has sent its initial presence (and, since the app sends it
 * after enabling carbons, that its chat features are fully attached).
 */
import type { ChatClient } from './chat-client.js';

export async function befriend(a: ChatClient, b: ChatClient): Promise<void> {
  await subscribe(a, b);
  await subscribe(b, a);
}

/** `from` asks to see `to`'s presence and `to` approves. */
export async function subscribe(from: ChatClient, to: ChatClient): Promise<void> {
  const mark = to.mark();
  await from.call('addContact', { accountId: from.accountId, jid: to.jid });
  await to.next('subscriptionRequested', (r) => r.accountId === to.accountId && r.from === from.jid, { after: mark });
  await to.call('answerSubscription', { accountId: to.accountId, jid: from.jid, approve: true });
  await from.next('rosterChanged', (p) => p.items.some((i) => i.jid === to.jid && (i.subscription === 'to' || i.subscription === 'both')));
}

/** Resolves once `watcher` sees `resource` of `account` online. */
export function seesOnline(watcher: ChatClient, account: ChatClient, resource: string, after = 0): Promise<unknown> {
  return watcher.next(
    'presenceChanged',
    (p) => p.accountId === watcher.accountId && p.presence.jid === account.jid && p.presence.resources.some((r) => r.resource === resource),
    { after },
  );
}

export const resourceOf = (fullJid: string): string => fullJid.slice(fullJid.indexOf('/') + 1);
