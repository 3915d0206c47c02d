/**
 * An account's OMEMO device list: `<list xmlns='eu.siacs.conversations.axolotl'><device id='12345'/>…</list>`,
 * the payload of the item `current` on the PEP node `eu.siacs.conversations.axolotl.devicelist`.
 *
 * Any client of the account (or a broken one) writes this list, and the server hands it to us, so it is read
 * with limits. An entry that is not a device (a bad id, a repeat) is dropped and reported, not fatal: one
 * broken client must not cut a person off from encryption. A list longer than MAX_DEVICES is refused
 * whole, since picking some of them would be guessing which devices are real.
 */
import { xml, type Element } from '@xmpp/xml';
import type { DeviceId } from '../../../omemo/omemo-types.js';
import { NS } from '../namespaces.js';
import { attr } from '../stanza-read.js';
import { CURRENT_ITEM, deviceIdOrNull, MAX_DEVICES, refused, type OmemoWireProblem, type WireResult } from './omemo-wire-values.js';

/** Our list as we publish it. Device labels (a later XEP version) are not written: older clients ignore them anyway. */
export function deviceListElement(ids: readonly DeviceId[]): Element {
  return xml('list', { xmlns: NS.omemo }, ...ids.map((id) => xml('device', { id: String(id) })));
}

/** Reads a `<list>` element. Unknown attributes (a `label`) and unknown children are ignored. */
export function parseDeviceList(list: Element): WireResult<readonly DeviceId[]> {
  if (list.getName() !== 'list' || list.getNS() !== NS.omemo) return refused('missing-element', 'list');
  const devices = list.getChildren('device', NS.omemo);
  if (devices.length > MAX_DEVICES) return refused('too-many', 'device');
  const ids: DeviceId[] = [];
  const seen = new Set<DeviceId>();
  const ignored: OmemoWireProblem[] = [];
  for (const device of devices) {
    const id = deviceIdOrNull(attr(device, 'id'));
    if (id === null) ignored.push({ kind: 'bad-device-id', where: 'device@id' });
    else if (seen.has(id)) ignored.push({ kind: 'duplicate', where: 'device@id' });
    else {
      seen.add(id);
      ids.push(id);
    }
  }
  return { ok: true, value: ids, ignored };
}

/**
 * The device list in a pubsub `<items>` (of an answer, or of a notification when `xmlns` is pubsub#event).
 * No item at all means the account has no devices. Several items happen on servers that keep more than one
 * (clients that published without the `current` id): the `current` one wins, else the first one given (our
 * requests ask for `max_items='1'`, so that is the newest).
 */
export function readDeviceListItems(items: Element, xmlns: string): WireResult<readonly DeviceId[]> {
  const all = items.getChildren('item', xmlns);
  const item = all.find((i) => attr(i, 'id') === CURRENT_ITEM) ?? all[0];
  if (item === undefined) return { ok: true, value: [], ignored: [] };
  const lists = item.getChildren('list', NS.omemo);
  if (lists.length > 1) return refused('ambiguous-element', 'list');
  const list = lists[0];
  return list === undefined ? refused('missing-element', 'list') : parseDeviceList(list);
}
