/**
 * The roster (RFC 6121 §2): fetch with versioning, pushes from the server, add/update/remove.
 *
 * Security: a roster push is accepted only without a `from` or from our own bare JID (RFC 6121 §2.1.6);
 * anyone else could otherwise add, rename or delete our contacts. Such a push is answered with the same
 * error the session gives for iqs nobody handles, so the sender learns nothing.
 */
import { xml, type Element } from '@xmpp/xml';
import type { RosterItem } from '../../../app/domain/chat.js';
import { StanzaError } from '../link.js';
import { createEmitter, type Events } from './emitter.js';
import { listenerFailure, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { jidOrNull, requireBareJid } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { parseRosterItem } from './roster-item.js';
import { attr } from './stanza-read.js';

export interface RosterSnapshot {
  readonly items: readonly RosterItem[];
  /** RFC 6121 §2.6 roster version; null when the server does not version the roster. */
  readonly ver: string | null;
}

export type RosterChange =
  | { readonly kind: 'replaced' }
  | { readonly kind: 'updated'; readonly item: RosterItem }
  | { readonly kind: 'removed'; readonly jid: string };

export interface RosterEvents {
  /** After every change; carries the whole roster so the caller can persist items and ver together. */
  changed: RosterSnapshot & { readonly change: RosterChange };
}

export interface RosterFetchOptions {
  /** The server offered roster versioning (stream feature `<ver xmlns='urn:xmpp:features:rosterver'/>`). */
  readonly versioning: boolean;
  /** What the caller persisted last time (items with their ver), or null. Only used with versioning. */
  readonly cached: RosterSnapshot | null;
}

export interface RosterFetchResult extends RosterSnapshot {
  /** 'cache' when the server answered "unchanged" and the cached items stand (updated by pushes). */
  readonly source: 'server' | 'cache';
}

export interface ContactEdit {
  readonly name: string | null;
  readonly groups: readonly string[];
}

export interface Roster extends Events<RosterEvents> {
  fetch(options: RosterFetchOptions): Promise<RosterFetchResult>;
  snapshot(): RosterSnapshot;
  item(jid: string): RosterItem | null;
  /** Whether `jid` is allowed to see our presence (subscription 'from' or 'both'). */
  sharesPresenceWith(jid: string): boolean;
  /** Adds or updates a contact. The roster changes when the server's push arrives, not before. */
  set(jid: string, edit: ContactEdit): Promise<void>;
  remove(jid: string): Promise<void>;
  dispose(): void;
}

export type RosterDeps = Pick<FeatureDeps, 'link' | 'log'>;

export function createRoster({ link, log }: RosterDeps): Roster {
  const own = ownJidOf(link);
  const emitter = createEmitter<RosterEvents>(listenerFailure('roster', log));
  const items = new Map<string, RosterItem>();
  let ver: string | null = null;
  // Pushes that arrive while a fetch is outstanding wait for its result, which they must be applied on top of.
  let fetching = 0;
  let heldPushes: Element[] = [];

  const snapshot = (): RosterSnapshot => ({ items: [...items.values()], ver });
  const emitChange = (change: RosterChange): void => emitter.emit('changed', { ...snapshot(), change });

  function applyPush(query: Element): void {
    const [element] = query.getChildElements();
    if (element === undefined) return;
    const parsed = parseRosterItem(element);
    if (parsed.kind === 'invalid') return;
    const pushVer = attr(query, 'ver');
    if (pushVer !== null) ver = pushVer;
    if (parsed.kind === 'remove') {
      const existed = items.delete(parsed.jid);
      if (existed) emitChange({ kind: 'removed', jid: parsed.jid });
    } else {
      items.set(parsed.item.jid, parsed.item);
      emitChange({ kind: 'updated', item: parsed.item });
    }
  }

  function releaseHeldPushes(): void {
    const held = heldPushes;
    heldPushes = [];
    for (const query of held) applyPush(query);
  }

  const stopPushes = link.handleIq('set', NS.roster, 'query', (iq) => {
    const from = attr(iq, 'from');
    const fromJid = from === null ? null : jidOrNull(from);
    if (from !== null && (fromJid === null || fromJid.resource !== null || fromJid.bare !== own.bare)) {
      log({ feature: 'roster', reason: 'roster push not from our own account', from });
      throw new StanzaError('service-unavailable', 'cancel');
    }
    const query = iq.getChild('query', NS.roster);
    const elements = query?.getChildElements() ?? [];
    const [element] = elements;
    // RFC 6121 §2.1.6: a push carries exactly one item.
    if (query === undefined || elements.length !== 1 || element === undefined || parseRosterItem(element).kind === 'invalid') {
      log({ feature: 'roster', reason: 'malformed roster push', from });
      throw new StanzaError('bad-request', 'modify');
    }
    if (fetching > 0) heldPushes.push(query);
    else applyPush(query);
    return null;
  });

  function replaceAll(next: readonly RosterItem[], nextVer: string | null): void {
    items.clear();
    for (const item of next) items.set(item.jid, item);
    ver = nextVer;
    emitChange({ kind: 'replaced' });
  }

  async function fetch({ versioning, cached }: RosterFetchOptions): Promise<RosterFetchResult> {
    const useCache = versioning && cached !== null && cached.ver !== null;
    // RFC 6121 §2.6.2: ver='' asks for the whole roster and says we understand versioning.
    const queryAttrs = versioning ? { xmlns: NS.roster, ver: useCache ? (cached.ver ?? '') : '' } : { xmlns: NS.roster };
    fetching += 1;
    let source: RosterFetchResult['source'];
    try {
      const result = await link.request(xml('iq', { type: 'get' }, xml('query', queryAttrs)));
      const query = result.getChild('query', NS.roster);
      if (query === undefined) {
        // An empty result means "your version is current" (§2.6.3); changes follow as pushes.
        if (!useCache) log({ feature: 'roster', reason: 'empty roster result without a cached version', from: attr(result, 'from') });
        replaceAll(useCache ? cached.items : [], useCache ? cached.ver : null);
        source = useCache ? 'cache' : 'server';
      } else {
        const next: RosterItem[] = [];
        for (const element of query.getChildElements()) {
          const parsed = parseRosterItem(element);
          if (parsed.kind === 'item') next.push(parsed.item);
          else log({ feature: 'roster', reason: parsed.kind === 'invalid' ? parsed.reason : 'remove item in a roster result', from: attr(result, 'from') });
        }
        replaceAll(next, versioning ? attr(query, 'ver') : null);
        source = 'server';
      }
    } finally {
      fetching -= 1;
      // Also after a failed fetch: the pushes are still the server's word.
      if (fetching === 0) releaseHeldPushes();
    }
    return { ...snapshot(), source };
  }

  function itemElement(jid: string, attrs: Record<string, string>, ...children: Element[]): Element {
    return xml('iq', { type: 'set' }, xml('query', { xmlns: NS.roster }, xml('item', { jid, ...attrs }, ...children)));
  }

  return {
    on: emitter.on,
    fetch,
    snapshot,
    item: (jid) => items.get(jidOrNull(jid)?.bare ?? '') ?? null,
    sharesPresenceWith(jid) {
      const subscription = items.get(jidOrNull(jid)?.bare ?? '')?.subscription;
      return subscription === 'from' || subscription === 'both';
    },
    async set(jid, { name, groups }) {
      const bare = requireBareJid(jid);
      // RFC 6121 §2.1.2.2: no empty or duplicate group names.
      const unique = [...new Set(groups.filter((group) => group.length > 0))];
      const attrs: Record<string, string> = name === null || name.length === 0 ? {} : { name };
      await link.request(itemElement(bare, attrs, ...unique.map((group) => xml('group', {}, group))));
    },
    async remove(jid) {
      await link.request(itemElement(requireBareJid(jid), { subscription: 'remove' }));
    },
    dispose() {
      stopPushes();
      emitter.clear();
    },
  };
}
