/**
 * Presence subscriptions (RFC 6121 §3): requests from others, our answers, our own requests, cancelling,
 * and pre-approval (§3.4) when the server offers it. The roster push that follows each step is the truth
 * about the resulting subscription state; this module only carries the requests and answers.
 */
import { xml } from '@xmpp/xml';
import type { SubscriptionRequest } from '../../../app/domain/chat.js';
import { createEmitter, type Events } from './emitter.js';
import { guarded, listenerFailure, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { jidOrNull, requireBareJid } from '../../../app/domain/address/jid.js';
import { attr, isStanza } from './stanza-read.js';

export type SubscriptionNotice =
  /** They approved our request: we now see their presence. */
  | 'subscribed'
  /** They denied our request or cancelled our subscription to them. */
  | 'unsubscribed'
  /** They stopped seeing our presence (or withdrew a pending request). */
  | 'unsubscribe';

export interface SubscriptionEvents {
  /** Someone asks to see our presence. Emitted once per pending request. */
  request: SubscriptionRequest;
  notice: { readonly from: string; readonly kind: SubscriptionNotice };
}

export interface SubscriptionsDeps extends Pick<FeatureDeps, 'link' | 'log' | 'accountId' | 'now'> {
  /** The server advertised `urn:xmpp:features:pre-approval` in its stream features. */
  readonly preApproval: boolean;
}

export interface Subscriptions extends Events<SubscriptionEvents> {
  /** Requests not answered yet, oldest first. */
  pending(): readonly SubscriptionRequest[];
  /** Lets `jid` see our presence (`subscribed`). */
  approve(jid: string): Promise<void>;
  /** Refuses their request (`unsubscribed`). */
  deny(jid: string): Promise<void>;
  /** Asks to see their presence (`subscribe`). */
  request(jid: string): Promise<void>;
  /** Stops seeing their presence (`unsubscribe`, RFC 6121 §3.3). */
  unsubscribe(jid: string): Promise<void>;
  /** Stops them seeing ours (`unsubscribed`, RFC 6121 §3.2). */
  cancel(jid: string): Promise<void>;
  /** Approves before they ask (§3.4); only when the server supports it. */
  preApprove(jid: string): Promise<'sent' | 'unsupported'>;
  dispose(): void;
}

/** Anyone can send a subscription request: a bound on how many we hold for the user to answer. */
const MAX_PENDING_REQUESTS = 500;

export function createSubscriptions({ link, log, accountId, now, preApproval }: SubscriptionsDeps): Subscriptions {
  const own = ownJidOf(link);
  const emitter = createEmitter<SubscriptionEvents>(listenerFailure('subscriptions', log));
  const pending = new Map<string, SubscriptionRequest>();

  const stopListening = link.onStanza(
    guarded('subscriptions', log, (stanza) => {
      if (!isStanza(stanza, 'presence')) return;
      const type = attr(stanza, 'type');
      if (type !== 'subscribe' && type !== 'subscribed' && type !== 'unsubscribe' && type !== 'unsubscribed') return;
      const fromText = attr(stanza, 'from');
      const from = jidOrNull(fromText);
      if (from === null || from.bare === own.bare) {
        log({ feature: 'subscriptions', reason: from === null ? 'subscription presence without a valid from' : 'subscription presence from our own account', from: fromText });
        return;
      }
      // Subscriptions are between accounts: the server stamps the bare JID (RFC 6121 §3.1.2), a resource is noise.
      const jid = from.bare;
      if (type === 'subscribe') {
        if (pending.has(jid)) return;
        if (pending.size >= MAX_PENDING_REQUESTS) {
          log({ feature: 'subscriptions', reason: 'too many pending subscription requests', from: fromText });
          return;
        }
        const request: SubscriptionRequest = { accountId, from: jid, at: now().toISOString() };
        pending.set(jid, request);
        emitter.emit('request', request);
        return;
      }
      if (type === 'unsubscribe') pending.delete(jid); // a withdrawn request needs no answer any more
      emitter.emit('notice', { from: jid, kind: type });
    }),
  );

  async function sendPresence(jid: string, type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed'): Promise<string> {
    const bare = requireBareJid(jid);
    await link.send(xml('presence', { to: bare, type }));
    return bare;
  }

  return {
    on: emitter.on,
    pending: () => [...pending.values()],
    async approve(jid) {
      pending.delete(await sendPresence(jid, 'subscribed'));
    },
    async deny(jid) {
      pending.delete(await sendPresence(jid, 'unsubscribed'));
    },
    async request(jid) {
      await sendPresence(jid, 'subscribe');
    },
    async unsubscribe(jid) {
      await sendPresence(jid, 'unsubscribe');
    },
    async cancel(jid) {
      await sendPresence(jid, 'unsubscribed');
    },
    async preApprove(jid) {
      // Without server support a `subscribed` to someone who never asked is simply dropped (RFC 6121 §3.4).
      if (!preApproval) return 'unsupported';
      await sendPresence(jid, 'subscribed');
      return 'sent';
    },
    dispose() {
      stopListening();
      emitter.clear();
    },
  };
}
