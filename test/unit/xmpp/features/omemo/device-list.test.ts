import { describe, expect, it } from 'vitest';
import { deviceListElement, parseDeviceList, readDeviceListItems } from '../../../../../main/xmpp/features/omemo/device-list.js';
import { parseStanza } from '../fake-link.js';
import { OMEMO } from './omemo-test-data.js';

const PUBSUB = 'http://jabber.org/protocol/pubsub';
const list = (inner: string, xmlns = OMEMO) => parseStanza(`<list xmlns='${xmlns}'>${inner}</list>`);
const devices = (...ids: string[]) => ids.map((id) => `<device id='${id}'/>`).join('');

describe('an OMEMO device list', () => {
  it('reads the device ids in order, ignoring labels and unknown attributes and children', () => {
    expect(parseDeviceList(list(`<device id='12345' label='Phone'/><device id='4223' future='x'/><other/>`))).toEqual({ ok: true, value: [12345, 4223], ignored: [] });
  });

  it('is empty when it lists no device', () => {
    expect(parseDeviceList(list(''))).toEqual({ ok: true, value: [], ignored: [] });
  });

  it('drops repeated devices and ids out of range, and says so', () => {
    const result = parseDeviceList(list(devices('7', '7', '0', '2147483648', '-3', 'abc', '8') + `<device/>`));
    expect(result).toEqual({
      ok: true,
      value: [7, 8],
      ignored: [
        { kind: 'duplicate', where: 'device@id' },
        ...Array.from({ length: 5 }, () => ({ kind: 'bad-device-id', where: 'device@id' })),
      ],
    });
  });

  it('ignores devices in another namespace', () => {
    expect(parseDeviceList(list(`<device xmlns='urn:other' id='5'/>${devices('6')}`))).toEqual({ ok: true, value: [6], ignored: [] });
  });

  it('refuses a list of more than 200 devices whole, and accepts 200', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    expect(parseDeviceList(list(devices(...ids(201))))).toEqual({ ok: false, problem: { kind: 'too-many', where: 'device' } });
    const full = parseDeviceList(list(devices(...ids(200))));
    expect(full.ok && full.value).toHaveLength(200);
  });

  it('refuses an element that is not an OMEMO list', () => {
    expect(parseDeviceList(list(devices('5'), 'urn:xmpp:omemo:2'))).toEqual({ ok: false, problem: { kind: 'missing-element', where: 'list' } });
  });

  it('round-trips through the element we publish', () => {
    const ids = [1, 31415, 2147483647];
    expect(parseDeviceList(parseStanza(deviceListElement(ids).toString()))).toEqual({ ok: true, value: ids, ignored: [] });
  });
});

describe('the device list in pubsub items', () => {
  const items = (inner: string) => parseStanza(`<items xmlns='${PUBSUB}' node='${OMEMO}.devicelist'>${inner}</items>`);

  it("reads the 'current' item, before any other", () => {
    const result = readDeviceListItems(items(`<item id='old'><list xmlns='${OMEMO}'>${devices('1')}</list></item><item id='current'><list xmlns='${OMEMO}'>${devices('2')}</list></item>`), PUBSUB);
    expect(result).toEqual({ ok: true, value: [2], ignored: [] });
  });

  it('reads the first item when none is current (older clients published under other ids)', () => {
    expect(readDeviceListItems(items(`<item id='5f3a'><list xmlns='${OMEMO}'>${devices('3')}</list></item>`), PUBSUB)).toEqual({ ok: true, value: [3], ignored: [] });
  });

  it('is an empty list when there is no item', () => {
    expect(readDeviceListItems(items(''), PUBSUB)).toEqual({ ok: true, value: [], ignored: [] });
  });

  it('refuses an item without a list, or with two', () => {
    expect(readDeviceListItems(items(`<item id='current'/>`), PUBSUB)).toEqual({ ok: false, problem: { kind: 'missing-element', where: 'list' } });
    expect(readDeviceListItems(items(`<item id='current'><list xmlns='${OMEMO}'/><list xmlns='${OMEMO}'/></item>`), PUBSUB)).toEqual({
      ok: false,
      problem: { kind: 'ambiguous-element', where: 'list' },
    });
  });
});
