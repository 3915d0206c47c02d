/**
 * The pubsub requests on the account's bookmarks node (XEP-0402 §3, over XEP-0163 PEP): read all items,
 * publish one with the publish-options the XEP asks for (kept, as many as there are, readable only by the
 * account itself), and retract one. All go to our own account (no `to`), never to another address.
 */
import { xml, type Element } from '@xmpp/xml';
import { NS } from '../namespaces.js';

export function itemsRequest(): Element {
  return xml('iq', { type: 'get' }, xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS.bookmarks })));
}

const field = (name: string, value: string, type?: string) => xml('field', { var: name, type }, xml('value', {}, value));

/** Publishes one item; the options make the server create the node as XEP-0402 §3 requires if needed. */
export function publishRequest(item: Element): Element {
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'pubsub',
      { xmlns: NS.pubsub },
      xml('publish', { node: NS.bookmarks }, item),
      xml(
        'publish-options',
        {},
        xml(
          'x',
          { xmlns: NS.dataForms, type: 'submit' },
          field('FORM_TYPE', NS.pubsubPublishOptions, 'hidden'),
          field('pubsub#persist_items', 'true'),
          field('pubsub#max_items', 'max'),
          field('pubsub#send_last_published_item', 'never'),
          field('pubsub#access_model', 'whitelist'),
        ),
      ),
    ),
  );
}

/** Removes one bookmark; `notify` so the account's other clients hear of it. */
export function retractRequest(room: string): Element {
  return xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsub }, xml('retract', { node: NS.bookmarks, notify: 'true' }, xml('item', { id: room }))));
}
