/**
 * Presence (RFC 6121 §4): what we announce, and who of our contacts is online on which device.
 * Subscription presence types are handled by subscriptions.ts; this module only reads availability.
 * Presence from our own account (our other devices) is kept apart from contacts.
 */
import { xml, type Element } from '@xmpp/xml';
import type { ContactPresence, ResourcePresence, Show } from '../../../app/domain/chat.js';
import { createEmitter, type Events } from './emitter.js';
import { guarded, listenerFailure, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { jidOrNull, type Jid } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { attr, clientChildText, isStanza } from './stanza-read.js';

export interface OwnPresence {
  readonly show: Show;
  readonly status: string | null;
  /** RFC 6121 §4.7.2.3: an integer from -128 to 127. */
  readonly priority: number;
}

export interface PresenceEvents {
  /** A contact's set of online resources changed (empty resources: offline). */
  contact: ContactPresence;
  /** Our other devices changed. */
  ownResources: readonly ResourcePresence[];
}

export interface PresenceDeps extends Pick<FeatureDeps, 'link' | 'log'> {
  /** Extra children for every presence we announce (the XEP-0115 caps element from disco.ts). */
  readonly extensions?: () => readonly Element[];
}

export interface Presence extends Events<PresenceEvents> {
  /** Sends our presence: the first call is the initial presence (RFC 6121 §4.2), later ones update it. */
  announce(own: OwnPresence): Promise<void>;
  /** Sends unavailable presence (we are going offline). */
  unavailable(status?: string | null): Promise<void>;
  /** The last presence we announced, or null before the initial presence or after unavailable. */
  own(): OwnPresence | null;
  contact(jid: string): ContactPresence;
  /** Every contact with at least one online resource. */
  online(): readonly ContactPresence[];
  ownResources(): readonly ResourcePresence[];
  /** The session ended: every contact is offline now (emits a change for each one that was online). */
  reset(): void;
  dispose(): void;
}

/** A contact (or a forger with many resources) cannot make us track more devices than this per account. */
export const MAX_RESOURCES_PER_CONTACT = 32;
/** Directed presence can come from anyone: a bound on how many accounts we track at once. */
const MAX_TRACKED_ACCOUNTS = 10_000;

const SHOWS: ReadonlySet<string> = new Set(['chat', 'away', 'xa', 'dnd']);

function readShow(stanza: Element): Show {
  const show = clientChildText(stanza, 'show');
  // RFC 6121 §4.7.2.1: no <show/> means available; an unknown value is treated the same.
  return show !== null && SHOWS.has(show) ? (show as Show) : 'online';
}

function readPriority(stanza: Element): number {
  const text = clientChildText(stanza, 'priority');
  if (text === null || !/^[+-]?\d{1,3}$/.test(text.trim())) return 0;
  const value = Number(text.trim());
  return value >= -128 && value <= 127 ? value : 0;
}

function byPriority(a: ResourcePresence, b: ResourcePresence): number {
  return b.priority - a.priority || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0);
}

export function createPresence({ link, log, extensions }: PresenceDeps): Presence {
  const own = ownJidOf(link);
  const emitter = createEmitter<PresenceEvents>(listenerFailure('presence', log));
  const contacts = new Map<string, Map<string, ResourcePresence>>();
  const mine = new Map<string, ResourcePresence>();
  let announced: OwnPresence | null = null;

  const contactView = (jid: string): ContactPresence => ({ jid, resources: [...(contacts.get(jid)?.values() ?? [])].sort(byPriority) });
  const ownView = (): readonly ResourcePresence[] => [...mine.values()].sort(byPriority);

  /** Applies one presence to an account's devices; answers whether anything changed. */
  function apply(table: Map<string, ResourcePresence>, from: Jid, next: ResourcePresence | null): boolean {
    if (next === null) {
      // Unavailable (or an error) from the bare JID means every device of that account is offline.
      if (from.resource !== null) return table.delete(from.resource);
      const hadAny = table.size > 0;
      table.clear();
      return hadAny;
    }
    if (!table.has(next.resource) && table.size >= MAX_RESOURCES_PER_CONTACT) {
      log({ feature: 'presence', reason: 'too many resources for one account', from: from.full });
      return false;
    }
    table.set(next.resource, next);
    return true;
  }

  const stopListening = link.onStanza(
    guarded('presence', log, (stanza) => {
      if (!isStanza(stanza, 'presence')) return;
      const type = attr(stanza, 'type');
      if (type !== null && type !== 'unavailable' && type !== 'error') return; // subscriptions and probes
      const fromText = attr(stanza, 'from');
      const from = jidOrNull(fromText);
      if (from === null) {
        log({ feature: 'presence', reason: fromText === null ? 'presence without from' : 'presence with a malformed from', from: fromText });
        return;
      }
      // Room occupants' presence is rooms/rooms.ts's to read; here it would show up as contacts' devices.
      if (stanza.getChild('x', NS.mucUser) !== undefined) {
        log({ feature: 'presence', reason: 'groupchat presence ignored', from: fromText });
        return;
      }
      // Available presence from a bare JID (no device named) is kept under the empty resource.
      const next: ResourcePresence | null =
        type === null ? { resource: from.resource ?? '', show: readShow(stanza), status: clientChildText(stanza, 'status'), priority: readPriority(stanza) } : null;

      if (from.bare === own.bare) {
        if (from.resource === own.resource) return; // our own presence, reflected back
        if (apply(mine, from, next)) emitter.emit('ownResources', ownView());
        return;
      }

      let table = contacts.get(from.bare);
      if (table === undefined) {
        if (next === null) return; // offline and already unknown: nothing changes
        if (contacts.size >= MAX_TRACKED_ACCOUNTS) {
          log({ feature: 'presence', reason: 'too many accounts with presence', from: from.full });
          return;
        }
        table = new Map();
        contacts.set(from.bare, table);
      }
      const changed = apply(table, from, next);
      if (table.size === 0) contacts.delete(from.bare);
      if (changed) emitter.emit('contact', contactView(from.bare));
    }),
  );

  async function announce(presence: OwnPresence): Promise<void> {
    if (!Number.isInteger(presence.priority) || presence.priority < -128 || presence.priority > 127) {
      throw new RangeError(`Presence priority must be an integer from -128 to 127, not ${presence.priority}.`);
    }
    const children: Element[] = [];
    if (presence.show !== 'online') children.push(xml('show', {}, presence.show));
    if (presence.status !== null && presence.status.length > 0) children.push(xml('status', {}, presence.status));
    children.push(xml('priority', {}, String(presence.priority)));
    children.push(...(extensions?.() ?? []));
    await link.send(xml('presence', {}, ...children));
    announced = presence;
  }

  return {
    on: emitter.on,
    announce,
    async unavailable(status = null) {
      const children = status === null || status.length === 0 ? [] : [xml('status', {}, status)];
      await link.send(xml('presence', { type: 'unavailable' }, ...children));
      announced = null;
    },
    own: () => announced,
    contact: (jid) => contactView(jidOrNull(jid)?.bare ?? jid),
    online: () => [...contacts.keys()].map(contactView),
    ownResources: ownView,
    reset() {
      const wereOnline = [...contacts.keys()];
      contacts.clear();
      for (const jid of wereOnline) emitter.emit('contact', { jid, resources: [] });
      if (mine.size > 0) {
        mine.clear();
        emitter.emit('ownResources', []);
      }
      announced = null;
    },
    dispose() {
      stopListening();
      emitter.clear();
    },
  };
}
