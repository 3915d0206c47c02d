import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import {
  bundleRequest,
  deviceListRequest,
  openAccessConfigureRequest,
  publishBundleRequest,
  publishDeviceListRequest,
} from '../../../../../main/xmpp/features/omemo/omemo-pep-stanzas.js';
import { parseBundle } from '../../../../../main/xmpp/features/omemo/bundle.js';
import { parseDeviceList } from '../../../../../main/xmpp/features/omemo/device-list.js';
import { onTheWire } from '../fake-link.js';
import { OMEMO, validBundle } from './omemo-test-data.js';

const PUBSUB = 'http://jabber.org/protocol/pubsub';

/** The fields of a submitted data form, as name → values. */
function formFields(x: Element | undefined): Record<string, string[]> {
  return Object.fromEntries((x?.getChildren('field') ?? []).map((f) => [f.attrs.var, f.getChildren('value').map((v) => v.getText())]));
}

describe('publishing OMEMO nodes', () => {
  it("publishes the device list as item 'current' of our own devicelist node, open to anyone", () => {
    const iq = onTheWire(publishDeviceListRequest([12345, 4223]));
    expect(iq.attrs).toMatchObject({ type: 'set' });
    expect(iq.attrs.to).toBeUndefined();
    const pubsub = iq.getChild('pubsub', PUBSUB);
    const publish = pubsub?.getChild('publish');
    expect(publish?.attrs.node).toBe(`${OMEMO}.devicelist`);
    const item = publish?.getChild('item');
    expect(item?.attrs.id).toBe('current');
    const list = item?.getChild('list', OMEMO);
    expect(list && parseDeviceList(list)).toEqual({ ok: true, value: [12345, 4223], ignored: [] });
    const form = pubsub?.getChild('publish-options')?.getChild('x', 'jabber:x:data');
    expect(form?.attrs.type).toBe('submit');
    expect(formFields(form)).toEqual({ FORM_TYPE: ['http://jabber.org/protocol/pubsub#publish-options'], 'pubsub#access_model': ['open'] });
    expect(form?.getChildren('field').find((f) => f.attrs.var === 'FORM_TYPE')?.attrs.type).toBe('hidden');
  });

  it("publishes a device's bundle on its own node, open to anyone", () => {
    const bundle = validBundle(5);
    const iq = onTheWire(publishBundleRequest(31415, bundle));
    expect(iq.attrs.to).toBeUndefined();
    const pubsub = iq.getChild('pubsub', PUBSUB);
    const publish = pubsub?.getChild('publish');
    expect(publish?.attrs.node).toBe(`${OMEMO}.bundles:31415`);
    expect(publish?.getChild('item')?.attrs.id).toBe('current');
    const element = publish?.getChild('item')?.getChild('bundle', OMEMO);
    expect(element && parseBundle(element)).toEqual({ ok: true, value: bundle, ignored: [] });
    expect(formFields(pubsub?.getChild('publish-options')?.getChild('x', 'jabber:x:data'))['pubsub#access_model']).toEqual(['open']);
  });

  it('opens a node as its owner with a node_config form', () => {
    const iq = onTheWire(openAccessConfigureRequest(`${OMEMO}.devicelist`));
    expect(iq.attrs).toMatchObject({ type: 'set' });
    const configure = iq.getChild('pubsub', 'http://jabber.org/protocol/pubsub#owner')?.getChild('configure');
    expect(configure?.attrs.node).toBe(`${OMEMO}.devicelist`);
    expect(formFields(configure?.getChild('x', 'jabber:x:data'))).toEqual({ FORM_TYPE: ['http://jabber.org/protocol/pubsub#node_config'], 'pubsub#access_model': ['open'] });
  });
});

describe('reading OMEMO nodes', () => {
  it("asks an account's bare address for the newest item of its device list", () => {
    const iq = onTheWire(deviceListRequest('juliet@capulet.lit'));
    expect(iq.attrs).toMatchObject({ type: 'get', to: 'juliet@capulet.lit' });
    expect(iq.getChild('pubsub', PUBSUB)?.getChild('items')?.attrs).toEqual({ node: `${OMEMO}.devicelist`, max_items: '1' });
  });

  it('asks our own account without a `to`', () => {
    expect(onTheWire(deviceListRequest()).attrs.to).toBeUndefined();
    expect(onTheWire(bundleRequest(undefined, 7)).attrs.to).toBeUndefined();
  });

  it("asks for one device's bundle node", () => {
    const iq = onTheWire(bundleRequest('juliet@capulet.lit', 2147483647));
    expect(iq.attrs).toMatchObject({ type: 'get', to: 'juliet@capulet.lit' });
    expect(iq.getChild('pubsub', PUBSUB)?.getChild('items')?.attrs).toEqual({ node: `${OMEMO}.bundles:2147483647`, max_items: '1' });
  });
});
