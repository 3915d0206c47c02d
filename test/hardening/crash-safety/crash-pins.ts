/**
 * The two pin-file versions the crash writer alternates between. Literal data (digests from
 * test/fixtures/posh/expected.json (a copy of the shared vectors)) so the child process starts without loading the X.509 parser.
 * They differ in every field and in length, so any mix of the two would not validate.
 */
import type { Pin } from '../../../app/domain/trust.js';

export const CRASH_DOMAIN = 'example.com';

export const VERSION_A: Pin = {
  domain: CRASH_DOMAIN,
  service: 'xmpp-client',
  spkiSha256: 'SE0ABdbMVMBRRv+XuI9cyRbMpNb8Dot6f5DiVwk+E6I=',
  certificate: {
    subject: 'C=US, ST=Colorado, L=Denver, CN=im.example.com',
    issuer: 'C=US, ST=Colorado, L=Denver, CN=Example CA',
    serialNumber: '06',
    names: { dns: [], srv: [], xmppAddr: ['im.example.com'], commonNames: ['im.example.com'] },
    notBefore: '2011-07-04T00:00:00.000Z',
    notAfter: '2013-07-02T23:59:59.000Z',
    sha256: '4/mggdlVx8A3pvHAWW5sD+qJyMtUHgiRuPjVC48N0XQ=',
    spkiSha256: 'SE0ABdbMVMBRRv+XuI9cyRbMpNb8Dot6f5DiVwk+E6I=',
    selfIssued: false,
  },
  approvedAt: '2012-01-01T00:00:00.000Z',
  approvedHow: 'pinned',
  lastSeenAt: '2012-01-01T00:00:00.000Z',
  mismatchSince: null,
};

export const VERSION_B: Pin = {
  domain: CRASH_DOMAIN,
  service: 'xmpp-client',
  spkiSha256: 'E3FnLFpq0CLriJZMWNHZO7+CZInsF0JdsAuuRhfP3nA=',
  certificate: {
    subject: 'C=US, ST=Colorado, L=Denver, CN=hosting.example.net',
    issuer: 'C=US, ST=Colorado, L=Denver, CN=Example CA',
    serialNumber: '05',
    names: {
      dns: ['hosting.example.net', 'xmpp.hosting.example.net', 'chat.hosting.example.net'],
      srv: ['_xmpp-client.hosting.example.net'],
      xmppAddr: ['hosting.example.net'],
      commonNames: ['hosting.example.net'],
    },
    notBefore: '2013-05-17T00:00:00.000Z',
    notAfter: '2015-05-16T23:59:59.000Z',
    sha256: 'FYqcUo3jp6nwqCRuwVwgJDEVm0r3BNQC9TOyTDgJvqg=',
    spkiSha256: 'E3FnLFpq0CLriJZMWNHZO7+CZInsF0JdsAuuRhfP3nA=',
    selfIssued: false,
  },
  approvedAt: '2014-02-02T00:00:00.000Z',
  approvedHow: 'replaced',
  lastSeenAt: '2014-03-03T00:00:00.000Z',
  mismatchSince: '2014-04-04T00:00:00.000Z',
};
