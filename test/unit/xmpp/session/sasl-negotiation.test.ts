/**
 * SASL over the stream, driven by scripted server elements (no sockets). Expected bytes come from the RFCs'
 * own examples: RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256), user "user", password "pencil".
 */
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../../harness/wait-until.js';
import { AuthenticationError, MechanismDowngradeError, SessionProtocolError } from '../../../../main/xmpp/errors.js';
import { createExchange, type ExchangeContext } from '../../../../main/xmpp/sasl/create-exchange.js';
import type { MechanismName, SaslCredentials } from '../../../../main/xmpp/sasl/mechanism.js';
import { createScramExchange } from '../../../../main/xmpp/sasl/scram.js';
import { chooseMechanism } from '../../../../main/xmpp/sasl/select.js';
import type { TlsChannel } from '../../../../main/xmpp/sasl/channel-binding.js';
import { downgradeProtectionHash } from '../../../../main/xmpp/sasl/downgrade-hash.js';
import {
  authenticate,
  declaredChannelBindings,
  NS_SASL,
  NS_SASL_CB,
  type SaslChannel,
  type SaslPolicy,
} from '../../../../main/xmpp/session/sasl-negotiation.js';

const RFC5802 = {
  nonce: 'fyko+d2lbbFgONRv9qkxdawL',
  clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
  serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
};

const RFC7677 = {
  nonce: 'rOprNGfwEbeRWgbNEkqO',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

const CREDENTIALS: SaslCredentials = { username: 'user', password: 'pencil' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

/** The RFC examples' nonces, so the exchange's bytes can be compared with the RFCs'. */
const pinnedNonces: SaslPolicy = {
  choose: chooseMechanism,
  create: (mechanism: MechanismName, credentials: SaslCredentials, context: ExchangeContext) => {
    const { binding, advertised } = context;
    if (mechanism === 'SCRAM-SHA-1') return createScramExchange({ hash: 'sha-1', credentials, nonce: () => RFC5802.nonce, binding, advertised });
    if (mechanism === 'SCRAM-SHA-256') return createScramExchange({ hash: 'sha-256', credentials, nonce: () => RFC7677.nonce, binding, advertised });
    return createExchange(mechanism, credentials, context);
  },
};

/** A server that answers each element we send with the elements the script returns for it. */
class ScriptedServer implements SaslChannel {
  readonly sent: Element[] = [];
  readonly #inbox: Element[] = [];
  #waiting: ((element: Element) => void) | null = null;

  constructor(private readonly script: (sent: Element, index: number) => Element[]) {}

  async send(element: Element): Promise<void> {
    this.sent.push(element);
    for (const reply of this.script(element, this.sent.length - 1)) this.#deliver(reply);
  }

  receive(): Promise<Element> {
    const next = this.#inbox.shift();
    if (next) return Promise.resolve(next);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  #deliver(element: Element): void {
    if (this.#waiting) {
      const deliver = this.#waiting;
      this.#waiting = null;
      deliver(element);
    } else {
      this.#inbox.push(element);
    }
  }
}

const sasl = (name: string, text?: string) => (text === undefined ? xml(name, { xmlns: NS_SASL }) : xml(name, { xmlns: NS_SASL }, text));
const mechanisms = (...names: string[]) => xml('mechanisms', { xmlns: NS_SASL }, ...names.map((n) => xml('mechanism', {}, n)));
const request = (offered: Element, previousMechanism: MechanismName | null = null, credentials = CREDENTIALS) => ({
  mechanisms: offered,
  credentials,
  serverProof: 'pkix' as const,
  previousMechanism,
  channelBindings: null,
  tls: null,
});

/** A SCRAM server following an RFC example; `final` replaces the success element when given. */
function scramScript(vector: typeof RFC5802, final?: Element) {
  return (sent: Element, index: number): Element[] => {
    if (index === 0) return [sasl('challenge', b64(vector.serverFirst))];
    if (index === 1) return [final ?? sasl('success', b64(vector.serverFinal))];
    return [];
  };
}

describe('SASL negotiation', () => {
  it('runs SCRAM-SHA-1 byte for byte as in RFC 5802 and accepts the server signature', async () => {
    const server = new ScriptedServer(scramScript(RFC5802));
    const outcome = await authenticate(server, request(mechanisms('SCRAM-SHA-1', 'PLAIN')), pinnedNonces);
    expect(outcome).toEqual({ mechanism: 'SCRAM-SHA-1', channelBinding: null, warning: null });
    const [auth, response] = server.sent;
    expect(auth?.attrs.mechanism).toBe('SCRAM-SHA-1');
    expect(unb64(auth?.getText() ?? '')).toBe(RFC5802.clientFirst);
    expect(response?.is('response', NS_SASL)).toBe(true);
    expect(unb64(response?.getText() ?? '')).toBe(RFC5802.clientFinal);
    expect(server.sent).toHaveLength(2);
  });

  it('prefers SCRAM-SHA-256 (RFC 7677 example) when offered', async () => {
    const server = new ScriptedServer(scramScript(RFC7677));
    const outcome = await authenticate(server, request(mechanisms('PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256')), pinnedNonces);
    expect(outcome.mechanism).toBe('SCRAM-SHA-256');
    expect(unb64(server.sent[0]?.getText() ?? '')).toBe(RFC7677.clientFirst);
    expect(unb64(server.sent[1]?.getText() ?? '')).toBe(RFC7677.clientFinal);
  });

  it('accepts the server-final message sent as a last challenge followed by an empty success (RFC 6120 §6.3.10)', async () => {
    const server = new ScriptedServer((_sent, index) => {
      if (index === 0) return [sasl('challenge', b64(RFC5802.serverFirst))];
      if (index === 1) return [sasl('challenge', b64(RFC5802.serverFinal))];
      return [sasl('success')];
    });
    const outcome = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces);
    expect(outcome.mechanism).toBe('SCRAM-SHA-1');
    expect(server.sent).toHaveLength(3);
    // The answer to the server-final challenge is empty.
    expect(server.sent[2]?.is('response', NS_SASL)).toBe(true);
    expect(server.sent[2]?.getText()).toBe('');
  });

  it.each([
    ['a wrong signature', sasl('success', b64('v=' + Buffer.alloc(20, 1).toString('base64')))],
    ['no signature', sasl('success')],
  ])('refuses a success with %s: the server did not prove it knows the password', async (_label, final) => {
    const server = new ScriptedServer(scramScript(RFC5802, final));
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure.kind).toBe('server-not-proven');
    expect((error as Error).message).toMatch(/could not prove it knows your password/);
    expect(server.sent).toHaveLength(2);
  });

  it('reports a SCRAM server error (e=invalid-proof) as a refused password', async () => {
    const server = new ScriptedServer(scramScript(RFC5802, sasl('success', b64('e=invalid-proof'))));
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure).toMatchObject({ kind: 'rejected', condition: 'not-authorized' });
  });

  it('refuses a success that arrives before our proof was even sent', async () => {
    const server = new ScriptedServer(() => [sasl('success')]);
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure.kind).toBe('server-not-proven');
  });

  it("reports the server's <failure/> with its condition and text", async () => {
    const server = new ScriptedServer(() => [
      xml('failure', { xmlns: NS_SASL }, xml('not-authorized'), xml('text', { 'xml:lang': 'en' }, 'Unable to authorize you')),
    ]);
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure).toEqual({ kind: 'rejected', condition: 'not-authorized', serverText: 'Unable to authorize you' });
    expect((error as Error).message).toContain('Unable to authorize you');
  });

  it('aborts on a challenge that is not valid base64', async () => {
    const server = new ScriptedServer((_sent, index) => (index === 0 ? [sasl('challenge', 'not*base64!')] : []));
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.sent.map((e) => e.name)).toEqual(['auth', 'abort']);
  });

  it('aborts when the server-first message breaks SCRAM (a nonce that does not extend ours)', async () => {
    const server = new ScriptedServer((_sent, index) => (index === 0 ? [sasl('challenge', b64('r=someone-else,s=QSXCR+Q6sek8bf92,i=4096'))] : []));
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure.kind).toBe('server-not-proven');
    expect(server.sent.map((e) => e.name)).toEqual(['auth', 'abort']);
  });

  it('refuses PLAIN-only after SCRAM worked before, sending nothing', async () => {
    const server = new ScriptedServer(() => []);
    const error = await authenticate(server, request(mechanisms('PLAIN'), 'SCRAM-SHA-1'), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect((error as MechanismDowngradeError).previous).toBe('SCRAM-SHA-1');
    expect((error as MechanismDowngradeError).offered).toEqual(['PLAIN']);
    expect(server.sent).toHaveLength(0);
  });

  it('refuses an offer with nothing usable, sending nothing', async () => {
    const server = new ScriptedServer(() => []);
    const error = await authenticate(server, request(mechanisms('X-OAUTH2', 'SCRAM-SHA-1-PLUS')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure).toMatchObject({ kind: 'no-usable-mechanism', offered: ['X-OAUTH2', 'SCRAM-SHA-1-PLUS'] });
    expect(server.sent).toHaveLength(0);
  });

  it('sends PLAIN as RFC 4616 authcid and password in the initial response', async () => {
    const server = new ScriptedServer(() => [sasl('success')]);
    const outcome = await authenticate(server, request(mechanisms('PLAIN')), pinnedNonces);
    expect(outcome.mechanism).toBe('PLAIN');
    expect(server.sent[0]?.attrs.mechanism).toBe('PLAIN');
    expect(unb64(server.sent[0]?.getText() ?? '')).toBe('\0user\0pencil');
  });

  it('reports a password SASLprep cannot use, before sending anything', async () => {
    const server = new ScriptedServer(() => []);
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1'), null, { username: 'user', password: '' }), pinnedNonces).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).failure.kind).toBe('credentials-unusable');
    expect(server.sent).toHaveLength(0);
  });

  it('fails on an element SASL does not define', async () => {
    const server = new ScriptedServer(() => [sasl('surprise')]);
    await expect(authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces)).rejects.toBeInstanceOf(SessionProtocolError);
  });

  it('stops before the proof with a downgrade error when h= does not match the offer (XEP-0474)', async () => {
    // The server signed an offer with SCRAM-SHA-1-PLUS in it; this client received it without.
    const signed = downgradeProtectionHash({ mechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'], channelBindings: null }, 'sha1');
    const server = new ScriptedServer((_sent, index) => (index === 0 ? [sasl('challenge', b64(`${RFC5802.serverFirst},h=${signed}`))] : []));
    const error = await authenticate(server, request(mechanisms('SCRAM-SHA-1')), pinnedNonces).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect((error as Error).message).toMatch(/possible downgrade attack/);
    expect(server.sent.map((e) => e.name)).toEqual(['auth', 'abort']);
  });

  it('goes on when h= matches what was offered', async () => {
    const offered = ['SCRAM-SHA-1', 'PLAIN'];
    const h = downgradeProtectionHash({ mechanisms: offered, channelBindings: null }, 'sha1');
    const server = new ScriptedServer((_sent, index) => (index === 0 ? [sasl('challenge', b64(`${RFC5802.serverFirst},h=${h}`))] : []));
    const attempt = authenticate(server, request(mechanisms(...offered)), pinnedNonces);
    await waitUntil(() => server.sent.length === 2, 'the client-final response');
    expect(server.sent[1]?.name).toBe('response');
    expect(unb64(server.sent[1]?.getText() ?? '')).toMatch(/,p=/);
    void attempt.catch(() => undefined);
  });

  it('binds with the type the server declared, taking the data from the TLS connection', async () => {
    const data = Uint8Array.from({ length: 32 }, (_, i) => i);
    const tls: TlsChannel = { protocol: 'TLSv1.3', bindingData: (type) => (type === 'tls-exporter' ? data : type === 'tls-server-end-point' ? Uint8Array.of(7) : null) };
    const server = new ScriptedServer(() => []);
    const attempt = authenticate(
      server,
      { ...request(mechanisms('SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1')), channelBindings: ['tls-server-end-point', 'tls-exporter'], tls },
      pinnedNonces,
    );
    await waitUntil(() => server.sent.length === 1, 'the <auth> element');
    expect(server.sent[0]?.attrs.mechanism).toBe('SCRAM-SHA-1-PLUS');
    expect(unb64(server.sent[0]?.getText() ?? '')).toMatch(/^p=tls-exporter,,n=user,r=/);
    void attempt.catch(() => undefined);
  });

  it('refuses an account that logged in bound when this connection cannot bind, sending nothing', async () => {
    const tls: TlsChannel = { protocol: 'TLSv1.3', bindingData: (type) => (type === 'tls-exporter' ? Uint8Array.of(1) : null) };
    const server = new ScriptedServer(() => []);
    const error = await authenticate(
      server,
      { ...request(mechanisms('SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1'), 'SCRAM-SHA-1-PLUS'), channelBindings: null, tls },
      pinnedNonces,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MechanismDowngradeError);
    expect((error as MechanismDowngradeError).previous).toBe('SCRAM-SHA-1-PLUS');
    expect(server.sent).toHaveLength(0);
  });
});

describe('declaredChannelBindings (XEP-0440)', () => {
  const list = (...types: string[]) => xml('sasl-channel-binding', { xmlns: NS_SASL_CB }, ...types.map((type) => xml('channel-binding', { type })));

  it('reads the list beside <mechanisms> (XEP-0440 0.4 and later)', () => {
    const offered = mechanisms('SCRAM-SHA-1-PLUS');
    const features = xml('stream:features', {}, offered, list('tls-exporter', 'tls-server-end-point'));
    expect(declaredChannelBindings(features, offered)).toEqual(['tls-exporter', 'tls-server-end-point']);
  });

  it('reads the list inside <mechanisms> (earlier versions)', () => {
    const offered = xml('mechanisms', { xmlns: NS_SASL }, xml('mechanism', {}, 'SCRAM-SHA-1-PLUS'), list('tls-unique'));
    expect(declaredChannelBindings(xml('stream:features', {}, offered), offered)).toEqual(['tls-unique']);
  });

  it('answers null without a list, and an empty list for one that declares nothing', () => {
    const offered = mechanisms('SCRAM-SHA-1');
    expect(declaredChannelBindings(xml('stream:features', {}, offered), offered)).toBeNull();
    expect(declaredChannelBindings(xml('stream:features', {}, offered, list()), offered)).toEqual([]);
  });

  it('ignores a list in another namespace', () => {
    const offered = mechanisms('SCRAM-SHA-1-PLUS');
    const features = xml('stream:features', {}, offered, xml('sasl-channel-binding', { xmlns: 'urn:example' }, xml('channel-binding', { type: 'tls-unique' })));
    expect(declaredChannelBindings(features, offered)).toBeNull();
  });
});
