/**
 * SCRAM with channel binding (RFC 5802 §6/§7): the RFC 5802 §5 and RFC 7677 §3 examples run again with each
 * gs2 answer this client gives. The expected client-final messages and server signatures were computed
 * with `openssl kdf PBKDF2` and `openssl dgst -hmac` (the same recipe reproduces the RFCs' own `n` examples,
 * which the last case checks), not with the code under test.
 */
import { describe, expect, it } from 'vitest';
import { createExchange } from '../../../../main/xmpp/sasl/create-exchange.js';
import { channelBindingAttribute, gs2Header, type Gs2Binding } from '../../../../main/xmpp/sasl/gs2-header.js';
import { createScramExchange, type ScramHash } from '../../../../main/xmpp/sasl/scram.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | null): string => (data === null ? '<null>' : new TextDecoder().decode(data));
const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from }, (_, i) => from + i);

const RFC7677_FIRST = {
  cnonce: 'rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  nonce: 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
};
const RFC5802_FIRST = {
  cnonce: 'fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  nonce: 'fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j',
};

interface BoundExample {
  readonly title: string;
  readonly hash: ScramHash;
  readonly mechanism: string;
  readonly binding: Gs2Binding;
  readonly first: typeof RFC7677_FIRST;
  readonly clientFirst: string;
  readonly proof: string;
  readonly serverFinal: string;
}

const EXAMPLES: readonly BoundExample[] = [
  {
    title: 'SCRAM-SHA-256-PLUS, tls-exporter (32 bytes 00..1f), RFC 7677 nonces and salt',
    hash: 'sha-256',
    mechanism: 'SCRAM-SHA-256-PLUS',
    binding: { flag: 'p', type: 'tls-exporter', data: range(0, 32) },
    first: RFC7677_FIRST,
    clientFirst: 'p=tls-exporter,,n=user,r=rOprNGfwEbeRWgbNEkqO',
    proof: 'QC6CS20quADQRb3mT99YUH+n3VJxUvzuK0K0E1Vrs2M=',
    serverFinal: 'v=2GiAgapEppLVlUXbxUDksL3VgYHzuqiK5tR4mhJGgvs=',
  },
  {
    title: 'SCRAM-SHA-1-PLUS, tls-unique (12 bytes a0..ab), RFC 5802 nonces and salt',
    hash: 'sha-1',
    mechanism: 'SCRAM-SHA-1-PLUS',
    binding: { flag: 'p', type: 'tls-unique', data: range(0xa0, 0xac) },
    first: RFC5802_FIRST,
    clientFirst: 'p=tls-unique,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
    proof: 'Dnxqb/XkEZw7Mr9zpPANRKxQJ5E=',
    serverFinal: 'v=Fd8XThniH1Drtsd3mQW3glgmVd8=',
  },
  {
    title: 'SCRAM-SHA-512-PLUS, tls-server-end-point (64 bytes 40..7f), RFC 7677 nonces and salt',
    hash: 'sha-512',
    mechanism: 'SCRAM-SHA-512-PLUS',
    binding: { flag: 'p', type: 'tls-server-end-point', data: range(64, 128) },
    first: RFC7677_FIRST,
    clientFirst: 'p=tls-server-end-point,,n=user,r=rOprNGfwEbeRWgbNEkqO',
    proof: 'Quq7Zf9Ah0jqEs4gN7iQ8r4rWnFnJq696Q3ICPaRFgMcgw8+rqjgtBQADr7f7FD2mMvYE+bKkvaxdEXmpYKg4g==',
    serverFinal: 'v=vemsnOEb1hAiO/5G87h3xpovOI6ysfNpGMQbZArxSUX/tJiPs+xDi2GF54F/KYvzo9BCLuMRZWiF2T77dXq0Xg==',
  },
  {
    title: 'SCRAM-SHA-1 with y (could bind, server offered no -PLUS), RFC 5802 nonces and salt',
    hash: 'sha-1',
    mechanism: 'SCRAM-SHA-1',
    binding: { flag: 'y' },
    first: RFC5802_FIRST,
    clientFirst: 'y,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
    proof: 'BjZF5dV+EkD3YCb3pH3IP8riMGw=',
    serverFinal: 'v=dsprQ5R2AGYt1kn4bQRwTAE0PTU=',
  },
  {
    title: 'SCRAM-SHA-1 with n: exactly RFC 5802 §5 (the recipe check)',
    hash: 'sha-1',
    mechanism: 'SCRAM-SHA-1',
    binding: { flag: 'n' },
    first: RFC5802_FIRST,
    clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
    proof: 'v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
];

describe.each(EXAMPLES)('$title', (example) => {
  const exchange = () =>
    createScramExchange({ hash: example.hash, credentials: { username: 'user', password: 'pencil' }, nonce: () => example.first.cnonce, binding: example.binding });

  it('names its mechanism and sends the gs2 header first', () => {
    const scram = exchange();
    expect(scram.mechanism).toBe(example.mechanism);
    expect(text(scram.initial())).toBe(example.clientFirst);
  });

  it('puts header and binding data in c= and proves with them; accepts the matching server signature', async () => {
    const scram = exchange();
    scram.initial();
    const final = text(await scram.challenge(bytes(example.first.serverFirst)));
    expect(final).toBe(`c=${channelBindingAttribute(example.binding)},r=${example.first.nonce},p=${example.proof}`);
    expect(() => scram.success(bytes(example.serverFinal))).not.toThrow();
  });

  it('refuses the server signature computed without this binding', async () => {
    if (example.binding.flag === 'n') return; // the control case has no other binding to confuse it with
    const scram = exchange();
    scram.initial();
    await scram.challenge(bytes(example.first.serverFirst));
    // The RFC examples' own signatures are for `n,,`: a server that did not bind the same data cannot produce ours.
    const unbound = example.hash === 'sha-1' ? 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=' : example.hash === 'sha-256' ? 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=' : `v=${Buffer.alloc(64, 1).toString('base64')}`;
    expect(() => scram.success(bytes(unbound))).toThrow(/could not prove/);
  });
});

describe('gs2 header and c= attribute', () => {
  it.each([
    [{ flag: 'n' } as const, 'n,,', 'biws'],
    [{ flag: 'y' } as const, 'y,,', 'eSws'],
    [{ flag: 'p', type: 'tls-exporter', data: Uint8Array.of(1, 2) } as const, 'p=tls-exporter,,', Buffer.concat([Buffer.from('p=tls-exporter,,'), Buffer.of(1, 2)]).toString('base64')],
  ])('%j → header %s, c=%s', (binding, header, attribute) => {
    expect(gs2Header(binding)).toBe(header);
    expect(channelBindingAttribute(binding)).toBe(attribute);
  });

  it('refuses to bind with empty data (a caller bug, not a server problem)', () => {
    expect(() =>
      createScramExchange({ hash: 'sha-256', credentials: { username: 'u', password: 'p' }, binding: { flag: 'p', type: 'tls-exporter', data: new Uint8Array(0) } }),
    ).toThrow(/binding data/);
  });

  it('createExchange pairs -PLUS only with p and plain SCRAM only with n or y', () => {
    const credentials = { username: 'u', password: 'p' };
    const advertised = { mechanisms: [], channelBindings: null };
    const bound: Gs2Binding = { flag: 'p', type: 'tls-unique', data: Uint8Array.of(9) };
    expect(createExchange('SCRAM-SHA-256-PLUS', credentials, { binding: bound, advertised }).mechanism).toBe('SCRAM-SHA-256-PLUS');
    expect(text(createExchange('SCRAM-SHA-512', credentials, { binding: { flag: 'y' }, advertised }).initial())).toMatch(/^y,,n=u,r=/);
    expect(() => createExchange('SCRAM-SHA-256-PLUS', credentials, { binding: { flag: 'n' }, advertised })).toThrow(/paired/);
    expect(() => createExchange('SCRAM-SHA-256', credentials, { binding: bound, advertised })).toThrow(/paired/);
  });
});
