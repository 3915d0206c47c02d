/**
 * The PEP requests of OMEMO (XEP-0384 0.3 over XEP-0163): publish our device list and a device's bundle,
 * read anyone's. Publishing goes to our own account (no `to`); reading goes to the account's bare address,
 * or nowhere for our own.
 *
 * Both nodes are published with `pubsub#access_model = open` (XEP-0060 §7.1.5 publish-options): a person
 * who writes to us before either side has shared presence must still be able to read our bundle, and
 * Prosody's PEP default (`presence`) would refuse them.
 */
import { xml, type Element } from '@xmpp/xml';
import type { DeviceId, PublicBundle } from '../../../omemo/omemo-types.js';
import { NS } from '../namespaces.js';
import { bundleElement } from './bundle.js';
import { deviceListElement } from './device-list.js';
import { CURRENT_ITEM } from './omemo-wire-values.js';

/** The PEP node of one device's bundle. */
export const bundleNode = (deviceId: DeviceId) => `${NS.omemoBundles}:${deviceId}`;

const field = (name: string, value: string, type?: string) => xml('field', { var: name, type }, xml('value', {}, value));

/** The data form that asks for a node readable by anyone, as publish-options or as a node configuration. */
const openAccessForm = (formType: string) => xml('x', { xmlns: NS.dataForms, type: 'submit' }, field('FORM_TYPE', formType, 'hidden'), field('pubsub#access_model', 'open'));

function publish(node: string, payload: Element): Element {
  return xml(
    'iq',
    { type: 'set' },
    xml('pubsub', { xmlns: NS.pubsub }, xml('publish', { node }, xml('item', { id: CURRENT_ITEM }, payload)), xml('publish-options', {}, openAccessForm(NS.pubsubPublishOptions))),
  );
}

export function publishDeviceListRequest(ids: readonly DeviceId[]): Element {
  return publish(NS.omemoDeviceList, deviceListElement(ids));
}

export function publishBundleRequest(deviceId: DeviceId, bundle: PublicBundle): Element {
  return publish(bundleNode(deviceId), bundleElement(bundle));
}

/** Only the newest item: there is one (`current`), and an old server may keep others we must not read. */
function items(to: string | undefined, node: string): Element {
  return xml('iq', { type: 'get', to }, xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node, max_items: '1' })));
}

/** An account's device list; `to` left out for our own. */
export function deviceListRequest(to?: string): Element {
  return items(to, NS.omemoDeviceList);
}

/** One device's bundle; `to` left out for our own. */
export function bundleRequest(to: string | undefined, deviceId: DeviceId): Element {
  return items(to, bundleNode(deviceId));
}

/**
 * Makes one of our nodes readable by anyone (XEP-0060 §8.2.4, owner configuration). Needed when the node
 * already exists with another access model (created by an older client, or before publish-options): the
 * server then refuses publish-options with `precondition-not-met` until the configuration matches.
 */
export function openAccessConfigureRequest(node: string): Element {
  return xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsubOwner }, xml('configure', { node }, openAccessForm(NS.pubsubNodeConfig))));
}
