import { describe, expect, it } from 'vitest';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { OmemoPepError } from '../../../../../main/xmpp/features/omemo/omemo-pep-error.js';
import { createOmemoPep, type OmemoPepEvents } from '../../../../../main/xmpp/features/omemo/omemo-pep.js';
import { bundleElement } from '../../../../../main/xmpp/features/omemo/bundle.js';
import { StanzaError } from '../../../../../main/xmpp/link.js';
import { stanzaErrorOf } from '../../../../../main/xmpp/session/stanza-error.js';
import { FakeLink, parseStanza, settle } from '../fake-link.js';
import { b64, bytes, OMEMO, validBundle } from './omemo-test-data.js';

const PUBSUB = 'http://jabber.org/protocol/pubsub';
const EVENT = 'http://jabber.org/protocol/pubsub#event';
const DEVICELIST = `${OMEMO}.devicelist`;

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const log: FeatureLogEntry[] = [];
  const pep = createOmemoPep({ link, log: (entry) => log.push(entry) });
  const lists: Array<OmemoPepEvents['deviceList']> = [];
  pep.on('deviceList', (payload) => lists.push(payload));
  return { link, log, pep, lists };
}

/** The error the session raises for an `<iq type='error'>` with this `<error>` content. */
const errorAnswer = (inner: string, type = 'cancel') => stanzaErrorOf(parseStanza(`<iq type='error' id='x'><error type='${type}'>${inner}</error></iq>`));
const condition = (name: string) => `<${name} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>`;

const listAnswer = (id: string, devices: string) =>
  `<iq type='result' id='${id}'><pubsub xmlns='${PUBSUB}'><items node='${DEVICELIST}'><item id='current'><list xmlns='${OMEMO}'>${devices}</list></item></items></pubsub></iq>`;

const notification = (from: string, inner: string) => `<message from='${from}' to='alice@example.org/desk' type='headline'><event xmlns='${EVENT}'>${inner}</event></message>`;

describe('publishing', () => {
  it('publishes the device list and resolves on the server’s answer', async () => {
    const { link, pep } = setup();
    const done = pep.publishDeviceList([1, 2]);
    const request = link.lastRequest();
    expect(request.iq.getChild('pubsub', PUBSUB)?.getChild('publish')?.attrs.node).toBe(DEVICELIST);
    request.result();
    await expect(done).resolves.toBeUndefined();
    expect(link.requests).toHaveLength(1);
  });

  it('opens a node whose access model does not match (precondition-not-met), then publishes again', async () => {
    const { link, pep } = setup();
    const done = pep.publishBundle(7, validBundle());
    link.lastRequest().fail(errorAnswer(`${condition('conflict')}<precondition-not-met xmlns='${PUBSUB}#errors'/>`));
    await settle();
    const configure = link.lastRequest();
    expect(configure.iq.getChild('pubsub', `${PUBSUB}#owner`)?.getChild('configure')?.attrs.node).toBe(`${OMEMO}.bundles:7`);
    configure.result();
    await settle();
    expect(link.requests).toHaveLength(3);
    // The same publish again, options included.
    const [firstTry, , retry] = link.requests.map((r) => r.iq.getChild('pubsub', PUBSUB)?.toString());
    expect(retry).toBe(firstTry);
    link.lastRequest().result();
    await expect(done).resolves.toBeUndefined();
  });

  it('gives up when the node cannot be opened, and does not retry other conflicts', async () => {
    const first = setup();
    const refusedConfigure = first.pep.publishDeviceList([1]);
    first.link.lastRequest().fail(errorAnswer(`${condition('conflict')}<precondition-not-met xmlns='${PUBSUB}#errors'/>`));
    await settle();
    first.link.lastRequest().fail(errorAnswer(condition('forbidden'), 'auth'));
    await expect(refusedConfigure).rejects.toMatchObject({ condition: 'forbidden' });
    expect(first.link.requests).toHaveLength(2);

    const second = setup();
    const plainConflict = second.pep.publishDeviceList([1]);
    second.link.lastRequest().fail(errorAnswer(condition('conflict')));
    await expect(plainConflict).rejects.toBeInstanceOf(StanzaError);
    expect(second.link.requests).toHaveLength(1);
  });

  it('refuses to publish what the wire cannot carry, before sending anything', async () => {
    const { link, pep } = setup();
    const kind = (work: Promise<unknown>) => work.then(
      () => 'published',
      (error: unknown) => (error instanceof OmemoPepError ? error.kind : String(error)),
    );
    expect(await kind(pep.publishDeviceList([0]))).toBe('invalid-device-id');
    expect(await kind(pep.publishDeviceList([2 ** 31]))).toBe('invalid-device-id');
    expect(await kind(pep.publishDeviceList([1.5]))).toBe('invalid-device-id');
    expect(await kind(pep.publishDeviceList([3, 3]))).toBe('invalid-device-list');
    expect(await kind(pep.publishDeviceList(Array.from({ length: 201 }, (_, i) => i + 1)))).toBe('invalid-device-list');
    expect(await kind(pep.publishBundle(0, validBundle()))).toBe('invalid-device-id');
    expect(await kind(pep.publishBundle(5, { ...validBundle(), identityKey: bytes(32) }))).toBe('invalid-bundle');
    expect(link.requests).toEqual([]);
  });
});

describe('fetching', () => {
  it("reads a contact's device list from their bare address", async () => {
    const { link, pep } = setup();
    const fetched = pep.fetchDeviceList('Juliet@Capulet.lit');
    const request = link.lastRequest();
    expect(request.iq.attrs.to).toBe('juliet@capulet.lit');
    request.result(listAnswer(request.iq.attrs.id ?? '', `<device id='12345'/><device id='12345'/><device id='4223'/>`));
    expect(await fetched).toEqual({ ok: true, value: [12345, 4223], ignored: [{ kind: 'duplicate', where: 'device@id' }] });
  });

  it('asks our own account without a `to`', async () => {
    const { link, pep } = setup();
    const fetched = pep.fetchDeviceList('alice@example.org');
    expect(link.lastRequest().iq.attrs.to).toBeUndefined();
    link.lastRequest().result(listAnswer(link.lastRequest().iq.attrs.id ?? '', `<device id='1'/>`));
    expect(await fetched).toEqual({ ok: true, value: [1], ignored: [] });
  });

  it('reads a missing node, or one kept from us, as no devices', async () => {
    for (const answer of [condition('item-not-found'), condition('forbidden')]) {
      const { link, pep } = setup();
      const fetched = pep.fetchDeviceList('juliet@capulet.lit');
      link.lastRequest().fail(errorAnswer(answer));
      expect(await fetched, answer).toEqual({ ok: true, value: [], ignored: [] });
    }
  });

  it('passes other failures on', async () => {
    const { link, pep } = setup();
    const fetched = pep.fetchDeviceList('juliet@capulet.lit');
    link.lastRequest().fail(errorAnswer(condition('remote-server-not-found')));
    await expect(fetched).rejects.toMatchObject({ condition: 'remote-server-not-found' });
  });

  it('refuses an address that is not an account', async () => {
    const { link, pep } = setup();
    for (const address of ['juliet@capulet.lit/balcony', 'capulet.lit', 'not an address@@']) {
      await expect(pep.fetchDeviceList(address)).rejects.toMatchObject({ kind: 'invalid-address' });
    }
    await expect(pep.fetchBundle('juliet@capulet.lit', 0)).rejects.toMatchObject({ kind: 'invalid-device-id' });
    expect(link.requests).toEqual([]);
  });

  it("reads a device's bundle, and null when it published none", async () => {
    const { link, pep } = setup();
    const bundle = validBundle(2);
    const fetched = pep.fetchBundle('juliet@capulet.lit', 31415);
    const request = link.lastRequest();
    expect(request.iq.getChild('pubsub', PUBSUB)?.getChild('items')?.attrs.node).toBe(`${OMEMO}.bundles:31415`);
    request.result(`<iq type='result' id='${request.iq.attrs.id}'><pubsub xmlns='${PUBSUB}'><items node='${OMEMO}.bundles:31415'><item id='current'>${bundleElement(bundle).toString()}</item></items></pubsub></iq>`);
    expect(await fetched).toEqual({ ok: true, value: bundle, ignored: [] });

    const missing = pep.fetchBundle('juliet@capulet.lit', 31415);
    link.lastRequest().fail(errorAnswer(condition('item-not-found')));
    expect(await missing).toBeNull();

    const empty = pep.fetchBundle('juliet@capulet.lit', 31415);
    link.lastRequest().result(`<iq type='result' id='${link.lastRequest().iq.attrs.id}'><pubsub xmlns='${PUBSUB}'><items node='${OMEMO}.bundles:31415'/></pubsub></iq>`);
    expect(await empty).toBeNull();
  });

  it('answers a hostile bundle with the reason, not a throw', async () => {
    const { link, pep } = setup();
    const fetched = pep.fetchBundle('juliet@capulet.lit', 31415);
    const hostile = bundleElement(validBundle()).toString().replace(/<identityKey>[^<]*<\/identityKey>/, `<identityKey>${b64(bytes(5000))}</identityKey>`);
    link.lastRequest().result(`<iq type='result' id='${link.lastRequest().iq.attrs.id}'><pubsub xmlns='${PUBSUB}'><items node='x'><item id='current'>${hostile}</item></items></pubsub></iq>`);
    expect(await fetched).toEqual({ ok: false, problem: { kind: 'too-big', where: 'identityKey' } });
  });
});

describe('device list notifications', () => {
  const items = (inner: string) => `<items node='${DEVICELIST}'>${inner}</items>`;
  const list = (devices: string) => items(`<item id='current'><list xmlns='${OMEMO}'>${devices}</list></item>`);

  it("tells an account's new device list, ours included", () => {
    const { link, lists, log } = setup();
    link.receive(notification('juliet@capulet.lit', list(`<device id='5'/><device id='6'/>`)));
    link.receive(notification('alice@example.org', list(`<device id='1'/>`)));
    expect(lists).toEqual([
      { jid: 'juliet@capulet.lit', devices: [5, 6] },
      { jid: 'alice@example.org', devices: [1] },
    ]);
    expect(log).toEqual([]);
  });

  it('refuses a notification sent by a client (a full address) instead of the server', () => {
    const { link, lists, log } = setup();
    link.receive(notification('mallory@evil.example/bot', list(`<device id='5'/>`)));
    link.receive(`<message to='alice@example.org/desk'><event xmlns='${EVENT}'>${list(`<device id='5'/>`)}</event></message>`);
    expect(lists).toEqual([]);
    expect(log).toEqual([
      { feature: 'omemo', reason: 'a device list notification that is not from an account', from: 'mallory@evil.example/bot' },
      { feature: 'omemo', reason: 'a device list notification that is not from an account', from: null },
    ]);
  });

  it('logs a refused list and the entries it dropped, by kind only', () => {
    const { link, lists, log } = setup();
    link.receive(notification('juliet@capulet.lit', items(`<item id='current'/>`)));
    link.receive(notification('juliet@capulet.lit', list(`<device id='0'/><device id='9'/>`)));
    expect(lists).toEqual([{ jid: 'juliet@capulet.lit', devices: [9] }]);
    expect(log).toEqual([
      { feature: 'omemo', reason: 'a device list notification refused: missing-element at list', from: 'juliet@capulet.lit' },
      { feature: 'omemo', reason: 'a device list entry ignored: bad-device-id at device@id', from: 'juliet@capulet.lit' },
    ]);
  });

  it('tells a retracted, purged or deleted list as no devices', () => {
    const { link, lists } = setup();
    link.receive(notification('juliet@capulet.lit', items(`<retract id='current'/>`)));
    link.receive(notification('romeo@montague.lit', `<purge node='${DEVICELIST}'/>`));
    link.receive(notification('nurse@capulet.lit', `<delete node='${DEVICELIST}'/>`));
    expect(lists).toEqual([
      { jid: 'juliet@capulet.lit', devices: [] },
      { jid: 'romeo@montague.lit', devices: [] },
      { jid: 'nurse@capulet.lit', devices: [] },
    ]);
  });

  it('leaves other nodes and other stanzas alone', () => {
    const { link, lists, log } = setup();
    link.receive(notification('juliet@capulet.lit', `<items node='${OMEMO}.bundles:5'><item id='current'/></items>`));
    link.receive(notification('juliet@capulet.lit', `<items node='urn:xmpp:avatar:metadata'/>`));
    link.receive(`<presence from='juliet@capulet.lit'/>`);
    link.receive(notification('juliet@capulet.lit', items('')));
    expect(lists).toEqual([]);
    expect(log).toEqual([]);
  });

  it('stops listening when disposed', () => {
    const { link, pep, lists } = setup();
    expect(link.listenerCount()).toBe(1);
    pep.dispose();
    expect(link.listenerCount()).toBe(0);
    link.receive(notification('juliet@capulet.lit', list(`<device id='5'/>`)));
    expect(lists).toEqual([]);
  });
});
