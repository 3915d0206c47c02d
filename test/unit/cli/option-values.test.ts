import { describe, expect, it } from 'vitest';
import {
  parseConnectTo,
  parseExpires,
  parseHostPort,
  parseHttpsUrl,
  parseNow,
  parsePort,
  parsePositiveInt,
  parseResolve,
} from '../../../main/cli/option-values.js';
import { UsageError } from '../../../main/cli/usage-error.js';
import { createConnectTo } from '../../../main/net/name-lookup.js';

describe('--resolve name:address', () => {
  it('collects every address of a name in order, IPv6 in brackets or not, names in lower case', () => {
    const map = parseResolve(['Hosted.Test:127.0.0.1', 'hosted.test:[::1]', 'other.test:fe80::2']);
    expect(map.get('hosted.test')).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
    expect(map.get('other.test')).toEqual([{ address: 'fe80::2', family: 6 }]);
  });

  it('keys an IDN by its A-label, the form the lookups are asked for, whichever form was typed', () => {
    const map = parseResolve(['bücher.test:127.0.0.1', 'XN--BCHER-KVA.test:[::1]']);
    expect(map.get('xn--bcher-kva.test')).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
    expect(parseConnectTo('Bücher.test:443:127.0.0.1:8443').fromHost).toBe('xn--bcher-kva.test');
  });

  it.each(['hosted.test', ':127.0.0.1', 'hosted.test:localhost', 'hosted.test:999.1.1.1'])('refuses "%s"', (entry) => {
    expect(() => parseResolve([entry])).toThrow(UsageError);
  });
});

describe('--connect-to host:port:host2:port2', () => {
  it('reads the four fields, IPv6 hosts in brackets, empty fields as wildcards', () => {
    expect(parseConnectTo('Hosted.Test:443:127.0.0.1:8443')).toEqual({ fromHost: 'hosted.test', fromPort: 443, toHost: '127.0.0.1', toPort: 8443 });
    expect(parseConnectTo('[::1]:5222:[fe80::2]:15222')).toEqual({ fromHost: '::1', fromPort: 5222, toHost: 'fe80::2', toPort: 15222 });
    expect(parseConnectTo(':5222::15222')).toEqual({ fromHost: '', fromPort: 5222, toHost: '', toPort: 15222 });
  });

  it.each(['a:b', 'a:1:b', 'a:1:b:2:c', 'a:x:b:2', 'a:1:b:70000'])('refuses "%s"', (entry) => {
    expect(() => parseConnectTo(entry)).toThrow(UsageError);
  });

  it('sends matching host:port elsewhere and leaves the rest alone, with empty fields as wildcards', () => {
    const connectTo = createConnectTo([parseConnectTo('hosted.test:443:127.0.0.1:8443'), parseConnectTo(':5222::15222')]);
    expect(connectTo('Hosted.Test', 443)).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(connectTo('hosted.test', 444)).toEqual({ host: 'hosted.test', port: 444 });
    expect(connectTo('xmpp.hosting.test', 5222)).toEqual({ host: 'xmpp.hosting.test', port: 15222 });
  });
});

describe('numbers', () => {
  it('host:port keeps the value and checks the port', () => {
    expect(parseHostPort('127.0.0.1:5353', '--dns')).toBe('127.0.0.1:5353');
    expect(parseHostPort('[::1]:53', '--dns')).toBe('[::1]:53');
    for (const bad of ['127.0.0.1', '::1:53', 'host:0', 'host:65536', 'host:5x']) expect(() => parseHostPort(bad, '--dns')).toThrow('--dns');
  });

  it('ports are 1 to 65535, written as digits', () => {
    expect(parsePort('1', '--port')).toBe(1);
    expect(parsePort('65535', '--port')).toBe(65535);
    for (const bad of ['0', '65536', '-1', '1e3', ' 80', '']) expect(() => parsePort(bad, '--port')).toThrow(UsageError);
  });

  it('positive whole numbers name the option when refused', () => {
    expect(parsePositiveInt('5000', '--timeout')).toBe(5000);
    for (const bad of ['0', '-5', '1.5', 'soon']) expect(() => parsePositiveInt(bad, '--timeout')).toThrow('--timeout');
  });

  it('--expires is at least one second (RFC 7711: 0 makes the document invalid) and a safe integer', () => {
    expect(parseExpires('604800')).toBe(604800);
    for (const bad of ['0', '-1', '9007199254740993', '1.5']) expect(() => parseExpires(bad)).toThrow('--expires');
  });
});

describe('--now and --url', () => {
  it('--now takes an ISO time and nothing vaguer', () => {
    expect(parseNow('2013-01-01T00:00:00Z').toISOString()).toBe('2013-01-01T00:00:00.000Z');
    for (const bad of ['yesterday', '01/02/2013', '2013-13-45T00:00:00Z']) expect(() => parseNow(bad)).toThrow('--now');
  });

  it('--url is an https URL, returned normalised', () => {
    expect(parseHttpsUrl('https://Hosting.Example.NET/posh.json')).toBe('https://hosting.example.net/posh.json');
    for (const bad of ['http://hosting.example.net/posh.json', 'not a url', 'file:///etc/passwd']) expect(() => parseHttpsUrl(bad)).toThrow('--url');
  });
});
