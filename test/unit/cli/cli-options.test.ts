import { describe, expect, it } from 'vitest';
import { domainFromTarget, parseCommand } from '../../../main/cli/cli-options.js';
import { UsageError } from '../../../main/cli/usage-error.js';

describe('hostproof-posh arguments', () => {
  it('takes the domain from a JID, a full JID or a bare domain, as an A-label', () => {
    expect(domainFromTarget('alice@Example.COM/phone')).toBe('example.com');
    expect(domainFromTarget('example.com.')).toBe('example.com');
    expect(domainFromTarget('bücher.example')).toBe('xn--bcher-kva.example');
  });

  // 'u@1.2.3' and 'exa%6dple.com' were once checked as "1.2.0.3" and "example.com" (a URL host parser's rewrites).
  it.each(['', 'alice@', 'exa mple.com', 'a..b', '-'.repeat(64) + '.com', 'ex@mple@', 'u@1.2.3', 'exa%6dple.com'])('refuses "%s" as a domain', (target) => {
    expect(() => domainFromTarget(target)).toThrow(UsageError);
  });

  it('parses every option of check', () => {
    const command = parseCommand([
      'check', 'user@hosted.test', '--json', '--dns', '127.0.0.1:5353', '--resolve', 'hosted.test:127.0.0.1',
      '--resolve', 'hosted.test:[::1]', '--connect-to', 'hosted.test:443:127.0.0.1:8443', '--ca', 'a.pem', '--ca', 'b.pem',
      '--host', 'xmpp.hosting.test', '--port', '5223', '--direct-tls', '--now', '2013-01-01T00:00:00Z', '--pins', 'pins.json', '--timeout', '5000',
    ]);
    expect(command.name).toBe('check');
    if (command.name !== 'check') return;
    const o = command.options;
    expect(o.domain).toBe('hosted.test');
    expect(o.json).toBe(true);
    expect(o.dns).toBe('127.0.0.1:5353');
    expect(o.resolve.get('hosted.test')).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
    expect(o.connectTo).toEqual([{ fromHost: 'hosted.test', fromPort: 443, toHost: '127.0.0.1', toPort: 8443 }]);
    expect(o.caFiles).toEqual(['a.pem', 'b.pem']);
    expect(o.endpoint).toEqual({ host: 'xmpp.hosting.test', port: 5223, directTls: true });
    expect(o.now?.toISOString()).toBe('2013-01-01T00:00:00.000Z');
    expect(o.pinsFile).toBe('pins.json');
    expect(o.timeoutMs).toBe(5000);
  });

  it.each([
    [['check']],
    [['check', 'a.test', 'b.test']],
    [['check', 'a.test', '--port', '5222']],
    [['check', 'a.test', '--direct-tls']],
    [['check', 'a.test', '--host', 'h', '--port', '70000']],
    [['check', 'a.test', '--resolve', 'name-without-address']],
    [['check', 'a.test', '--resolve', 'a.test:not-an-ip']],
    [['check', 'a.test', '--connect-to', 'a:b']],
    [['check', 'a.test', '--now', 'yesterday']],
    [['check', 'a.test', '--bogus']],
    [['lookup']],
    [['generate']],
    [['generate', '--url', 'http://insecure.example/posh.json', '--expires', '60']],
    [['generate', '--url', 'https://ok.example/posh.json']],
    [['generate', '--url', 'https://ok.example/x', '--expires', '0']],
    [['generate', '--cert', 'a.pem', '--url', 'https://ok.example/x', '--expires', '60']],
    [['frobnicate']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });

  it('reads generate for fingerprints (default expiry one week) and references', () => {
    expect(parseCommand(['generate', '--cert', 'a.pem', '--cert', 'b.pem'])).toEqual({
      name: 'generate',
      options: { kind: 'fingerprints', certFiles: ['a.pem', 'b.pem'], expires: 604800 },
    });
    expect(parseCommand(['generate', '--url', 'https://hosting.example.net/.well-known/posh/xmpp-client.json', '--expires', '86400'])).toEqual({
      name: 'generate',
      options: { kind: 'reference', url: 'https://hosting.example.net/.well-known/posh/xmpp-client.json', expires: 86400 },
    });
  });
});
