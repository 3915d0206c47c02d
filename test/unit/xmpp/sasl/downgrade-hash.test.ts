/**
 * XEP-0474 (version 0.5.0): the `h=` hash over the advertised mechanisms and channel-binding types, and the
 * SCRAM client refusing to send its proof when `h=` does not match what it was offered.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SaslDowngradeError, downgradeProtectionHash, type AdvertisedSasl } from '../../../../main/xmpp/sasl/downgrade-hash.js';
import { SaslError } from '../../../../main/xmpp/sasl/mechanism.js';
import { createScramExchange } from '../../../../main/xmpp/sasl/scram.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | null): string => (data === null ? '<null>' : new TextDecoder().decode(data));

/** The XEP's own example (§4.3): SHA-1 over 'SCRAM-SHA-1\x1eSCRAM-SHA-1-PLUS\x1ftls-exporter\x1etls-server-end-point'. */
const XEP_EXAMPLE: AdvertisedSasl = { mechanisms: ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1'], channelBindings: ['tls-server-end-point', 'tls-exporter'] };

describe('downgradeProtectionHash', () => {
  it('reproduces the example of XEP-0474 §4.3 (server order does not matter: both lists are sorted)', () => {
    expect(downgradeProtectionHash(XEP_EXAMPLE, 'sha1')).toBe('G6k/rBLDqgOhRRaCuuatSDFkJ08=');
  });

  it('leaves out the %x1F part when the server sent no XEP-0440 list, and keeps it for an empty one', () => {
    const mechanisms = ['SCRAM-SHA-256', 'PLAIN'];
    expect(downgradeProtectionHash({ mechanisms, channelBindings: null }, 'sha256')).toBe(createHash('sha256').update('PLAIN\x1eSCRAM-SHA-256').digest('base64'));
    expect(downgradeProtectionHash({ mechanisms, channelBindings: [] }, 'sha256')).toBe(createHash('sha256').update('PLAIN\x1eSCRAM-SHA-256\x1f').digest('base64'));
  });

  it('sorts by octets ("i;octet"), so upper case comes before lower case', () => {
    expect(downgradeProtectionHash({ mechanisms: ['b', 'B', 'a'], channelBindings: null }, 'sha1')).toBe(createHash('sha1').update('B\x1ea\x1eb').digest('base64'));
  });
});

describe('SCRAM with a server-first h= (RFC 5802 §5 example plus the XEP-0474 attribute)', () => {
  const CNONCE = 'fyko+d2lbbFgONRv9qkxdawL';
  const serverFirst = (h: string) => `r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,h=${h}`;
  const OFFERED: AdvertisedSasl = { mechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'PLAIN'], channelBindings: null };
  const exchange = (advertised: AdvertisedSasl | undefined) =>
    createScramExchange({ hash: 'sha-1', credentials: { username: 'user', password: 'pencil' }, nonce: () => CNONCE, advertised });

  it('goes on to the proof when h= is the hash of what this client was offered', async () => {
    const scram = exchange(OFFERED);
    scram.initial();
    const final = text(await scram.challenge(bytes(serverFirst(downgradeProtectionHash(OFFERED, 'sha1')))));
    expect(final).toMatch(/^c=biws,r=fyko\+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=/);
  });

  it('stops before the proof, naming a possible downgrade attack, when a -PLUS mechanism was stripped on the way', async () => {
    // The server offered SCRAM-SHA-1-PLUS and signed that; this client received the offer without it.
    const received: AdvertisedSasl = { mechanisms: ['SCRAM-SHA-1', 'PLAIN'], channelBindings: null };
    const scram = exchange(received);
    scram.initial();
    const error = await scram.challenge(bytes(serverFirst(downgradeProtectionHash(OFFERED, 'sha1')))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaslDowngradeError);
    expect((error as Error).message).toMatch(/downgrade attack/);
    expect((error as Error).message).toMatch(/before sending any proof/);
    // The exchange is over: no later message can produce a proof.
    await expect(scram.challenge(bytes(serverFirst(downgradeProtectionHash(received, 'sha1'))))).rejects.toBeInstanceOf(SaslError);
  });

  it('stops when a channel-binding type list was stripped (hash over types the client never saw)', async () => {
    const scram = exchange(OFFERED);
    scram.initial();
    const signed = downgradeProtectionHash({ ...OFFERED, channelBindings: ['tls-exporter'] }, 'sha1');
    await expect(scram.challenge(bytes(serverFirst(signed)))).rejects.toBeInstanceOf(SaslDowngradeError);
  });

  it('stops when h= was computed with another hash than the mechanism uses', async () => {
    const scram = exchange(OFFERED);
    scram.initial();
    await expect(scram.challenge(bytes(serverFirst(downgradeProtectionHash(OFFERED, 'sha256'))))).rejects.toBeInstanceOf(SaslDowngradeError);
  });

  it('refuses a repeated h=', async () => {
    const scram = exchange(OFFERED);
    scram.initial();
    const h = downgradeProtectionHash(OFFERED, 'sha1');
    await expect(scram.challenge(bytes(`${serverFirst(h)},h=${h}`))).rejects.toThrow(/repeated "h="/);
  });

  it('refuses h= it has no offer to check against, instead of skipping the check', async () => {
    const scram = exchange(undefined);
    scram.initial();
    await expect(scram.challenge(bytes(serverFirst(downgradeProtectionHash(OFFERED, 'sha1'))))).rejects.toThrow(/cannot check/);
  });
});
