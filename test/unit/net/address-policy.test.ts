import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../../main/net/address-policy.js';

const { kindOf } = createAddressPolicy();

describe('addresses inside the user network', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    // IPv4-mapped and IPv4-compatible IPv6 forms reach the IPv4 address itself.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::FFFF:192.168.0.1', 'private'],
    ['::ffff:169.254.1.1', 'link-local'],
    ['::ffff:100.64.0.1', 'shared'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::10.0.0.1', 'private'],
  ])('%s is %s', (address, kind) => {
    expect(kindOf(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.255.0.1', '2001:db8::1', '2a00:1450::1', '::ffff:8.8.8.8', 'fbff::1', 'ff02::1'])(
    '%s is not internal',
    (address) => {
      expect(kindOf(address)).toBeNull();
    },
  );

  it('a name is not an address', () => {
    expect(kindOf('localhost')).toBeNull();
  });
});
