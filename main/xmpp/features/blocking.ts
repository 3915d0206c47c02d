/**
 * XEP-0191 blocking command: whether the server supports it (disco#info on our server's domain), the block
 * list, blocking and unblocking, and the server's pushes of changes (made by this client or any other client
 * of the account).
 *
 * Security: a push is accepted only without a `from` or from our own bare JID (as roster pushes, RFC 6121
 * §2.1.6): anyone else could otherwise unblock themselves. Such a push gets the error the session gives for
 * iqs nobody handles, so the sender learns nothing. The list is bounded (MAX_BLOCKED).
 */
import { xml, type Element } from '@xmpp/xml';
import { MAX_BLOCKED } from '../../../app/domain/blocking.js';
import { blockItemOrNull } from '../../../app/domain/blocking-rules.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { StanzaError, type XmppLink } from '../link.js';
import { createEmitter, type Events } from './emitter.js';
import { listenerFailure, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { NS } from './namespaces.js';
import { attr } from './stanza-read.js';

/** A server answers disco#info and the block list at once; login waits for them, so not for 30 s. */
const ASK_TIMEOUT_MS = 10_000;

export type BlockChange =
  | { readonly kind: 'blocked'; readonly jids: readonly string[] }
  /** `jids` empty: everything was unblocked (XEP-0191 §3.4). */
  | { readonly kind: 'unblocked'; readonly jids: readonly string[] };

export interface BlockingEvents {
  /** The server pushed a change (after our own request too: the push is the truth, as for the roster). */
  changed: BlockChange;
}

export interface Blocking extends Events<BlockingEvents> {
  /** True: the server lists urn:xmpp:blocking; false: it answered without it; null: it could not be asked. */
  supported(): Promise<boolean | null>;
  /** The whole list, canonical. Rejects when the server refuses (e.g. it does not support blocking). */
  fetch(): Promise<string[]>;
  block(jids: readonly string[]): Promise<void>;
  unblock(jids: readonly string[]): Promise<void>;
  dispose(): void;
}

export type BlockingDeps = Pick<FeatureDeps, 'link' | 'log'>;

/** The canonical JIDs of a block/unblock/blocklist element's items; malformed ones are logged and left out. */
function itemsOf(element: Element, log: FeatureDeps['log'], from: string | null): string[] {
  const jids: string[] = [];
  for (const item of element.getChildren('item')) {
    const jid = blockItemOrNull(attr(item, 'jid') ?? '');
    if (jid === null) log({ feature: 'blocking', reason: 'block item without a valid jid', from });
    else if (jids.length < MAX_BLOCKED) jids.push(jid);
  }
  return jids;
}

export function createBlocking({ link, log }: BlockingDeps): Blocking {
  const own = ownJidOf(link);
  const emitter = createEmitter<BlockingEvents>(listenerFailure('blocking', log));

  function acceptPush(kind: 'block' | 'unblock') {
    return (iq: Element): null => {
      const from = attr(iq, 'from');
      const fromJid = from === null ? null : jidOrNull(from);
      if (from !== null && (fromJid === null || fromJid.resource !== null || fromJid.bare !== own.bare)) {
        log({ feature: 'blocking', reason: 'block list push not from our own account', from });
        throw new StanzaError('service-unavailable', 'cancel');
      }
      const element = iq.getChild(kind, NS.blocking);
      if (element === undefined) throw new StanzaError('bad-request', 'modify');
      const jids = itemsOf(element, log, from);
      // An empty <block/> means nothing; an empty <unblock/> means "everything" (§3.4).
      if (kind === 'block' && jids.length === 0) throw new StanzaError('bad-request', 'modify');
      emitter.emit('changed', { kind: kind === 'block' ? 'blocked' : 'unblocked', jids });
      return null;
    };
  }

  const stops = [link.handleIq('set', NS.blocking, 'block', acceptPush('block')), link.handleIq('set', NS.blocking, 'unblock', acceptPush('unblock'))];

  async function change(kind: 'block' | 'unblock', jids: readonly string[]): Promise<void> {
    // Never an empty <unblock/> from here: that would unblock everyone.
    if (jids.length === 0) return;
    const items = jids.map((jid) => xml('item', { jid }));
    await link.request(xml('iq', { type: 'set' }, xml(kind, { xmlns: NS.blocking }, ...items)));
  }

  return {
    on: emitter.on,
    supported: () => serverSupportsBlocking(link, own.domain.unicode),
    async fetch() {
      const result = await link.request(xml('iq', { type: 'get' }, xml('blocklist', { xmlns: NS.blocking })), ASK_TIMEOUT_MS);
      const list = result.getChild('blocklist', NS.blocking);
      return list === undefined ? [] : itemsOf(list, log, attr(result, 'from'));
    },
    block: (jids) => change('block', jids),
    unblock: (jids) => change('unblock', jids),
    dispose() {
      for (const stop of stops) stop();
      emitter.clear();
    },
  };
}

async function serverSupportsBlocking(link: Pick<XmppLink, 'request'>, domain: string): Promise<boolean | null> {
  let answer;
  try {
    // XEP-0191 §2: the server says so in the disco#info of its domain.
    answer = await link.request(xml('iq', { type: 'get', to: domain }, xml('query', { xmlns: NS.discoInfo })), ASK_TIMEOUT_MS);
  } catch (error) {
    // The server answered with an error: it does not say it supports it. No answer at all: not known.
    return error instanceof StanzaError ? false : null;
  }
  const query = answer.getChild('query', NS.discoInfo);
  if (query === undefined) return null;
  return query.getChildren('feature').some((feature) => attr(feature, 'var') === NS.blocking);
}

