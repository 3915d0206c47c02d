/**
 * OMEMO's use of PEP on one session: publish our device list and our bundle, read anyone's, and hear when an
 * account's device list changes. Knows nothing of keys or sessions (main/omemo/ does); it moves the public
 * parts over the wire and reads what comes back with the parsers' limits.
 *
 * Notifications of device lists reach us only if our caps advertise
 * `eu.siacs.conversations.axolotl.devicelist+notify` (disco.ts) and we share presence with the account.
 * They must come from an account's bare address: the server stamps a client's own stanzas with its full
 * address, so a bare `from` means the server itself sent it on that account's behalf.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import type { DeviceId, PublicBundle } from '../../../omemo/omemo-types.js';
import { StanzaError } from '../../link.js';
import { createEmitter, type Events } from '../emitter.js';
import { guarded, listenerFailure, ownJidOf, type FeatureDeps } from '../feature-deps.js';
import { NS } from '../namespaces.js';
import { attr, isStanza } from '../stanza-read.js';
import { bundleProblem, readBundleItems } from './bundle.js';
import { readDeviceListItems } from './device-list.js';
import { OmemoPepError } from './omemo-pep-error.js';
import { bundleNode, bundleRequest, deviceListRequest, openAccessConfigureRequest, publishBundleRequest, publishDeviceListRequest } from './omemo-pep-stanzas.js';
import { isDeviceId, MAX_DEVICES, type OmemoWireProblem, type WireResult } from './omemo-wire-values.js';

export interface OmemoPepEvents {
  /** An account's device list as its server announced it (our own account's too); empty when removed. */
  deviceList: { readonly jid: string; readonly devices: readonly DeviceId[] };
}

export interface OmemoPep extends Events<OmemoPepEvents> {
  /** Replaces our account's device list (readable by anyone). */
  publishDeviceList(ids: readonly DeviceId[]): Promise<void>;
  /** Replaces the bundle of one of our devices (readable by anyone). */
  publishBundle(deviceId: DeviceId, bundle: PublicBundle): Promise<void>;
  /**
   * An account's device list; an empty one when it never published any or keeps it from us (Prosody does not
   * tell a stranger which). Refused content is a result, not a throw; the server's other errors throw.
   */
  fetchDeviceList(bareJid: string): Promise<WireResult<readonly DeviceId[]>>;
  /** A device's bundle; null when it published none or keeps it from us. Refused content is a result, not a throw. */
  fetchBundle(bareJid: string, deviceId: DeviceId): Promise<WireResult<PublicBundle> | null>;
  dispose(): void;
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Answers that mean "no node we may read": item-not-found for a node that does not exist, and forbidden,
 * which Prosody gives a stranger both for a node that does not exist and for one open to contacts only (so
 * as not to tell which). Either way there is no device or bundle to encrypt for.
 */
const isUnreadable = (error: unknown) => error instanceof StanzaError && (error.condition === 'item-not-found' || error.condition === 'forbidden');

/** XEP-0060 §7.1.5: publish-options that do not match the node's configuration: `conflict` with this condition beside it. */
const isPreconditionNotMet = (error: unknown) =>
  error instanceof StanzaError && error.condition === 'conflict' && error.stanza?.getChild('error')?.getChild('precondition-not-met', NS.pubsubErrors) !== undefined;

/** One log line per problem, by kind and place only: never the sender's bytes. */
const describe = (problem: OmemoWireProblem) => `${problem.kind} at ${problem.where}`;

export function createOmemoPep(deps: Pick<FeatureDeps, 'link' | 'log'>): OmemoPep {
  const { link, log } = deps;
  const emitter = createEmitter<OmemoPepEvents>(listenerFailure('omemo', log));
  const refuse = (reason: string, from: string | null) => log({ feature: 'omemo', reason, from });

  /** An account's normal bare address, or OmemoPepError; undefined for our own (PEP requests to ourselves carry no `to`). */
  function addressee(input: string): string | undefined {
    const jid = jidOrNull(input);
    if (jid === null || jid.local === null || jid.resource !== null) throw new OmemoPepError('invalid-address', `Not an account address: ${JSON.stringify(input.slice(0, 100))}`);
    return jid.bare === ownJidOf(link).bare ? undefined : jid.bare;
  }

  function requireDeviceId(id: DeviceId): void {
    if (!isDeviceId(id)) throw new OmemoPepError('invalid-device-id', `Not an OMEMO device id: ${String(id)}`);
  }

  /**
   * Publishes with publish-options; when the node exists with another access model (Prosody creates nodes
   * readable by contacts only when an older client publishes without options), the server refuses with
   * precondition-not-met: make the node open as its owner, then publish once more.
   */
  async function publishOpen(node: string, request: () => Element): Promise<void> {
    try {
      await link.request(request(), REQUEST_TIMEOUT_MS);
    } catch (error) {
      if (!isPreconditionNotMet(error)) throw error;
      await link.request(openAccessConfigureRequest(node), REQUEST_TIMEOUT_MS);
      await link.request(request(), REQUEST_TIMEOUT_MS);
    }
  }

  function announce(from: string, result: WireResult<readonly DeviceId[]>): void {
    if (!result.ok) {
      refuse(`a device list notification refused: ${describe(result.problem)}`, from);
      return;
    }
    for (const problem of result.ignored) refuse(`a device list entry ignored: ${describe(problem)}`, from);
    emitter.emit('deviceList', { jid: from, devices: result.value });
  }

  const stopListening = link.onStanza(
    guarded('omemo', log, (stanza) => {
      if (!isStanza(stanza, 'message')) return;
      const event = stanza.getChild('event', NS.pubsubEvent);
      if (event === undefined) return;
      const items = event.getChildren('items', NS.pubsubEvent).find((i) => attr(i, 'node') === NS.omemoDeviceList);
      // A purged or deleted node holds no devices any more.
      const emptied = [...event.getChildren('purge', NS.pubsubEvent), ...event.getChildren('delete', NS.pubsubEvent)].some((e) => attr(e, 'node') === NS.omemoDeviceList);
      if (items === undefined && !emptied) return;
      const raw = attr(stanza, 'from');
      const from = jidOrNull(raw);
      if (from === null || from.local === null || from.resource !== null) {
        refuse('a device list notification that is not from an account', raw);
        return;
      }
      if (items !== undefined && items.getChildren('item', NS.pubsubEvent).length > 0) {
        announce(from.bare, readDeviceListItems(items, NS.pubsubEvent));
        return;
      }
      // Without an item, only a retraction, a purge or a deletion says something: that the list is gone.
      const retracted = items !== undefined && items.getChildren('retract', NS.pubsubEvent).length > 0;
      if (emptied || retracted) emitter.emit('deviceList', { jid: from.bare, devices: [] });
    }),
  );

  return {
    on: emitter.on,
    async publishDeviceList(ids) {
      if (ids.length > MAX_DEVICES) throw new OmemoPepError('invalid-device-list', `At most ${MAX_DEVICES} devices, not ${ids.length}`);
      for (const id of ids) requireDeviceId(id);
      if (new Set(ids).size !== ids.length) throw new OmemoPepError('invalid-device-list', 'A device is listed twice');
      await publishOpen(NS.omemoDeviceList, () => publishDeviceListRequest(ids));
    },
    async publishBundle(deviceId, bundle) {
      requireDeviceId(deviceId);
      const problem = bundleProblem(bundle);
      if (problem !== null) throw new OmemoPepError('invalid-bundle', `The bundle would be refused: ${describe(problem)}`);
      await publishOpen(bundleNode(deviceId), () => publishBundleRequest(deviceId, bundle));
    },
    async fetchDeviceList(bareJid) {
      const to = addressee(bareJid);
      try {
        const answer = await link.request(deviceListRequest(to), REQUEST_TIMEOUT_MS);
        const items = answer.getChild('pubsub', NS.pubsub)?.getChild('items', NS.pubsub);
        return items === undefined ? { ok: true, value: [], ignored: [] } : readDeviceListItems(items, NS.pubsub);
      } catch (error) {
        if (isUnreadable(error)) return { ok: true, value: [], ignored: [] };
        throw error;
      }
    },
    async fetchBundle(bareJid, deviceId) {
      const to = addressee(bareJid);
      requireDeviceId(deviceId);
      try {
        const answer = await link.request(bundleRequest(to, deviceId), REQUEST_TIMEOUT_MS);
        const items = answer.getChild('pubsub', NS.pubsub)?.getChild('items', NS.pubsub);
        return items === undefined ? null : readBundleItems(items);
      } catch (error) {
        if (isUnreadable(error)) return null;
        throw error;
      }
    },
    dispose() {
      stopListening();
      emitter.clear();
    },
  };
}
