import { describe, expect, it } from 'vitest';
import { SaslError, type SaslExchange } from '../../../../main/xmpp/sasl/mechanism.js';
import { createScramExchange, escapeSaslName, type ScramHash } from '../../../../main/xmpp/sasl/scram.js';
import { MAX_ITERATIONS, MIN_ITERATIONS, ScramServerError } from '../../../../main/xmpp/sasl/scram-server-messages.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | null): string => (data === null ? '<null>' : new TextDecoder().decode(data));

const NOT_PROVEN = 'the server could not prove it knows your password';

/**
 * The worked examples of the RFCs, typed from their text. The client-final messages and server signatures
 * were also recomputed independently with `openssl kdf PBKDF2` and `openssl dgst -hmac` before being used here.
 */
interface Example {
  readonly hash: ScramHash;
  readonly cnonce: string;
  readonly clientFirst: string;
  readonly serverFirst: string;
  readonly clientFinal: string;
  readonly serverFinal: string;
}

/** RFC 7677 §3. */
const RFC7677: Example = {
  hash: 'sha-256',
  cnonce: 'rOprNGfwEbeRWgbNEkqO',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

/** RFC 5802 §5. */
const RFC5802: Example = {
  hash: 'sha-1',
  cnonce: 'fyko+d2lbbFgONRv9qkxdawL',
  clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
  serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
};

function exchangeFor(example: Example, credentials = { username: 'user', password: 'pencil' }): SaslExchange {
  return createScramExchange({ hash: example.hash, credentials, nonce: () => example.cnonce });
}

/** Runs an exchange up to (and including) the client-final message. */
async function upToClientFinal(example: Example): Promise<{ exchange: SaslExchange; clientFinal: string }> {
  const exchange = exchangeFor(example);
  exchange.initial();
  const clientFinal = text(await exchange.challenge(bytes(example.serverFirst)));
  return { exchange, clientFinal };
}

/** Expects `action` to throw (or reject with) a SaslError whose message contains `message`. */
async function expectSaslError(action: () => unknown, message: string | RegExp): Promise<SaslError> {
  let caught: unknown = null;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SaslError);
  expect((caught as SaslError).message).toMatch(message);
  return caught as SaslError;
}

describe.each([
  ['SCRAM-SHA-256 (RFC 7677 §3)', RFC7677, 'SCRAM-SHA-256'],
  ['SCRAM-SHA-1 (RFC 5802 §5)', RFC5802, 'SCRAM-SHA-1'],
] as const)('%s', (_title, example, mechanism) => {
  it('names its mechanism', () => {
    expect(exchangeFor(example).mechanism).toBe(mechanism);
  });

  it('sends the exact client-first and client-final messages of the RFC', async () => {
    const exchange = exchangeFor(example);
    expect(text(exchange.initial())).toBe(example.clientFirst);
    expect(text(await exchange.challenge(bytes(example.serverFirst)))).toBe(example.clientFinal);
  });

  it('accepts the RFC server signature in <success>', async () => {
    const { exchange } = await upToClientFinal(example);
    expect(() => exchange.success(bytes(example.serverFinal))).not.toThrow();
  });

  it('accepts the server-final message as a last challenge followed by an empty <success>', async () => {
    const { exchange } = await upToClientFinal(example);
    const answer = await exchange.challenge(bytes(example.serverFinal));
    expect(answer.length).toBe(0);
    expect(() => exchange.success(null)).not.toThrow();
  });

  it('accepts a zero-length <success> payload after a verified challenge', async () => {
    const { exchange } = await upToClientFinal(example);
    await exchange.challenge(bytes(example.serverFinal));
    expect(() => exchange.success(new Uint8Array(0))).not.toThrow();
  });

  it('refuses a server signature with one bit flipped', async () => {
    const { exchange } = await upToClientFinal(example);
    const signature = Buffer.from(example.serverFinal.slice(2), 'base64');
    signature[0] = (signature[0] ?? 0) ^ 0x01;
    await expectSaslError(() => exchange.success(bytes(`v=${signature.toString('base64')}`)), NOT_PROVEN);
  });

  it('refuses the signature computed for a different password', async () => {
    // Same server-first, different password: the client-final changes, and the RFC's v= no longer matches.
    const exchange = exchangeFor(example, { username: 'user', password: 'pencil2' });
    exchange.initial();
    const clientFinal = text(await exchange.challenge(bytes(example.serverFirst)));
    expect(clientFinal).not.toBe(example.clientFinal);
    await expectSaslError(() => exchange.success(bytes(example.serverFinal)), NOT_PROVEN);
  });

  it('refuses a wrong signature sent as a challenge', async () => {
    const { exchange } = await upToClientFinal(example);
    const wrong = `v=${Buffer.alloc(example.hash === 'sha-256' ? 32 : 20).toString('base64')}`;
    await expectSaslError(() => exchange.challenge(bytes(wrong)), NOT_PROVEN);
    // The exchange is over: the empty success that would follow must not be accepted either.
    await expectSaslError(() => exchange.success(null), /./);
  });

  it('refuses <success> without data when no challenge carried the proof', async () => {
    const { exchange } = await upToClientFinal(example);
    await expectSaslError(() => exchange.success(null), NOT_PROVEN);
  });

  it('refuses <success> with a zero-length payload when no challenge carried the proof', async () => {
    const { exchange } = await upToClientFinal(example);
    await expectSaslError(() => exchange.success(new Uint8Array(0)), NOT_PROVEN);
  });

  it('refuses <success> right after client-first (an impostor that accepts anyone)', async () => {
    const exchange = exchangeFor(example);
    exchange.initial();
    await expectSaslError(() => exchange.success(null), NOT_PROVEN);
  });

  it.each([
    ['missing v=', 'x=abcd'],
    ['an empty message', ''],
    ['v= not base64', 'v=not*base64!'],
    ['v= of the wrong length', 'v=AAAA'],
    ['v= with junk after the padding', `v=${RFC7677.serverFinal.slice(2)}AAAA`],
  ])('refuses a server-final with %s', async (_case, serverFinal) => {
    const { exchange } = await upToClientFinal(example);
    await expectSaslError(() => exchange.success(bytes(serverFinal)), NOT_PROVEN);
  });

  it('refuses a server-final that repeats v= after the right signature', async () => {
    const { exchange } = await upToClientFinal(example);
    await expectSaslError(() => exchange.success(bytes(`${example.serverFinal},v=AAAA`)), /malformed/);
  });

  it('reports an e= server error with its code', async () => {
    const { exchange } = await upToClientFinal(example);
    const error = await expectSaslError(() => exchange.success(bytes('e=invalid-proof')), /invalid-proof/);
    expect(error).toBeInstanceOf(ScramServerError);
    expect((error as ScramServerError).code).toBe('invalid-proof');
  });

  it('reports an e= server error sent as a challenge', async () => {
    const { exchange } = await upToClientFinal(example);
    const error = await expectSaslError(() => exchange.challenge(bytes('e=unknown-user')), /unknown-user/);
    expect((error as ScramServerError).code).toBe('unknown-user');
  });

  it('does not echo an unlisted e= value into the message', async () => {
    const { exchange } = await upToClientFinal(example);
    const error = await expectSaslError(() => exchange.success(bytes('e=<script>')), /unlisted-error/);
    expect(error.message).not.toContain('<script>');
  });

  it('refuses a verified challenge followed by a <success> with a different signature', async () => {
    const { exchange } = await upToClientFinal(example);
    await exchange.challenge(bytes(example.serverFinal));
    await expectSaslError(() => exchange.success(bytes(`v=${Buffer.alloc(example.hash === 'sha-256' ? 32 : 20).toString('base64')}`)), NOT_PROVEN);
  });
});

describe('SCRAM server-first parsing', () => {
  const example = RFC7677;
  const serverNonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
  const salt = 'W22ZaJ0SNY7soEsUEjb6gQ==';

  async function answer(serverFirst: string | Uint8Array): Promise<Uint8Array> {
    const exchange = exchangeFor(example);
    exchange.initial();
    return exchange.challenge(typeof serverFirst === 'string' ? bytes(serverFirst) : serverFirst);
  }

  it.each([
    ['a nonce that does not start with ours', `r=XXXXNGfwEbeRWgbNEkqO%hvY,s=${salt},i=4096`],
    ['a nonce equal to ours (no server part)', `r=${example.cnonce},s=${salt},i=4096`],
    ['a nonce that is a prefix of ours', `r=rOprNG,s=${salt},i=4096`],
  ])('refuses %s', async (_case, serverFirst) => {
    await expectSaslError(() => answer(serverFirst), /nonce does not extend/);
  });

  it('refuses a nonce with a character outside printable ASCII', async () => {
    await expectSaslError(() => answer(`r=${example.cnonce}é,s=${salt},i=4096`), /nonce has characters/);
  });

  it(`refuses ${MIN_ITERATIONS - 1} iterations, one below the floor`, async () => {
    await expectSaslError(() => answer(`r=${serverNonce},s=${salt},i=${MIN_ITERATIONS - 1}`), /iterations/);
  });

  it('refuses a single iteration', async () => {
    await expectSaslError(() => answer(`r=${serverNonce},s=${salt},i=1`), /easier to guess/);
  });

  it('sets the floor at the 4096 iterations RFC 5802 and RFC 7677 ask servers for', () => {
    expect(MIN_ITERATIONS).toBe(4096);
  });

  it.each([String(MAX_ITERATIONS + 1), '99999999999999999999999'])('refuses %s iterations (above the cap)', async (count) => {
    await expectSaslError(() => answer(`r=${serverNonce},s=${salt},i=${count}`), /more than/);
  });

  it.each([
    ['a leading zero', '04096'],
    ['a sign', '+4096'],
    ['a fraction', '4096.0'],
    ['trailing text', '4096x'],
    ['an exponent', '5e3'],
    ['nothing', ''],
  ])('refuses an iteration count with %s', async (_case, count) => {
    await expectSaslError(() => answer(`r=${serverNonce},s=${salt},i=${count}`), /iteration count is not a positive integer/);
  });

  it.each([
    ['an invalid character', 'W22ZaJ0SNY7soEsUEjb6gQ=!'],
    ['missing padding', 'W22ZaJ0SNY7soEsUEjb6gQ'],
    ['embedded whitespace', 'W22ZaJ0SNY7s oEsUEjb6gQ=='],
    ['non-zero padding bits', 'W22ZaJ0SNY7soEsUEjb6gR=='],
  ])('refuses a salt with %s', async (_case, badSalt) => {
    await expectSaslError(() => answer(`r=${serverNonce},s=${badSalt},i=4096`), /salt is not valid base64/);
  });

  it('refuses an empty salt', async () => {
    await expectSaslError(() => answer(`r=${serverNonce},s=,i=4096`), /salt is empty/);
  });

  it.each([
    ['a leading m= (mandatory extension)', `m=ext,r=${serverNonce},s=${salt},i=4096`],
    ['an m= after the mandatory attributes', `r=${serverNonce},s=${salt},i=4096,m=ext`],
  ])('refuses %s', async (_case, serverFirst) => {
    await expectSaslError(() => answer(serverFirst), /extension this client does not support/);
  });

  it.each([
    ['attributes out of order', `s=${salt},r=${serverNonce},i=4096`],
    ['no iteration count', `r=${serverNonce},s=${salt}`],
    ['no salt', `r=${serverNonce},i=4096`],
    ['a part without "="', `r=${serverNonce},s=${salt},i=4096,junk`],
    ['a two-letter attribute name', `r=${serverNonce},ss=${salt},i=4096`],
    ['upper-case attribute names', `R=${serverNonce},S=${salt},I=4096`],
    ['a repeated r=', `r=${serverNonce},s=${salt},i=4096,r=${serverNonce}`],
    ['an empty extension', `r=${serverNonce},s=${salt},i=4096,x=`],
    ['a trailing comma', `r=${serverNonce},s=${salt},i=4096,`],
    ['an empty message', ''],
  ])('refuses a server-first with %s', async (_case, serverFirst) => {
    await expectSaslError(() => answer(serverFirst), /malformed/);
  });

  it('refuses a server-first that is not UTF-8', async () => {
    const data = new Uint8Array([...bytes(`r=${serverNonce},s=${salt},i=4096,x=`), 0xff]);
    await expectSaslError(() => answer(data), /not valid UTF-8/);
  });

  it('refuses a server-first that starts with a byte-order mark', async () => {
    await expectSaslError(() => answer(`\uFEFF${example.serverFirst}`), /malformed/);
  });

  it('ignores an unknown extension after the mandatory attributes but still signs the message as received', async () => {
    const clientFinal = text(await answer(`${example.serverFirst},x=future`));
    // Same nonce, so the client-final starts the same; the proof differs because the AuthMessage includes the extension.
    expect(clientFinal.startsWith(`c=biws,r=${serverNonce},p=`)).toBe(true);
    expect(clientFinal).not.toBe(example.clientFinal);
  });
});

describe('SCRAM exchange order', () => {
  it('refuses a challenge before the initial response', async () => {
    const exchange = exchangeFor(RFC7677);
    await expectSaslError(() => exchange.challenge(bytes(RFC7677.serverFirst)), /did not expect/);
  });

  it('refuses a second initial response', async () => {
    const exchange = exchangeFor(RFC7677);
    exchange.initial();
    await expectSaslError(() => exchange.initial(), /already started/);
  });

  it('refuses a third challenge after the verified one', async () => {
    const { exchange } = await upToClientFinal(RFC7677);
    await exchange.challenge(bytes(RFC7677.serverFinal));
    await expectSaslError(() => exchange.challenge(bytes(RFC7677.serverFinal)), /did not expect/);
  });

  it('stays failed after a refusal: a later correct signature is not accepted', async () => {
    const { exchange } = await upToClientFinal(RFC7677);
    await expectSaslError(() => exchange.success(bytes('v=AAAA')), NOT_PROVEN);
    await expectSaslError(() => exchange.success(bytes(RFC7677.serverFinal)), NOT_PROVEN);
  });

  it('stays failed when a challenge arrives while the keys are being derived', async () => {
    const exchange = exchangeFor(RFC7677);
    exchange.initial();
    const pending = exchange.challenge(bytes(RFC7677.serverFirst));
    await expectSaslError(() => exchange.challenge(bytes(RFC7677.serverFinal)), /did not expect/);
    await expectSaslError(() => pending, /ended while its keys were being derived/);
    await expectSaslError(() => exchange.success(bytes(RFC7677.serverFinal)), NOT_PROVEN);
  });

  it('returns a promise from challenge (the key derivation is asynchronous)', () => {
    const exchange = exchangeFor(RFC7677);
    exchange.initial();
    const result = exchange.challenge(bytes(RFC7677.serverFirst));
    expect(result).toBeInstanceOf(Promise);
    return result;
  });
});

describe('SCRAM client-first', () => {
  it('escapes "=" as =3D and "," as =2C in the user name (RFC 5802 saslname)', () => {
    expect(escapeSaslName('a=b,c')).toBe('a=3Db=2Cc');
    expect(escapeSaslName('==,,')).toBe('=3D=3D=2C=2C');
    expect(escapeSaslName('plain')).toBe('plain');
  });

  it('sends the escaped, SASLprep-ed user name', () => {
    const exchange = createScramExchange({
      hash: 'sha-256',
      credentials: { username: 'ann=x,y\u00A0\u00AA', password: 'pencil' },
      nonce: () => 'abc',
    });
    // U+00A0 (no-break space) maps to a space, U+00AA (feminine ordinal) normalises to "a" (RFC 4013).
    expect(text(exchange.initial())).toBe('n,,n=ann=3Dx=2Cy a,r=abc');
  });

  it('uses a fresh random nonce of printable characters by default', () => {
    const first = (): string => text(createScramExchange({ hash: 'sha-1', credentials: { username: 'u', password: 'p' } }).initial());
    const a = first();
    const b = first();
    expect(a).toMatch(/^n,,n=u,r=[\x21-\x2b\x2d-\x7e]{24}$/);
    expect(a).not.toBe(b);
  });

  it('refuses a nonce generator that yields a comma', () => {
    const exchange = createScramExchange({ hash: 'sha-1', credentials: { username: 'u', password: 'p' }, nonce: () => 'a,b' });
    expect(() => exchange.initial()).toThrow(/nonce/);
  });

  it.each([
    ['a control character in the password', { username: 'user', password: 'pen\u0007cil' }],
    ['a NUL in the user name', { username: 'us\u0000er', password: 'pencil' }],
    ['an empty user name', { username: '', password: 'pencil' }],
    ['an empty password', { username: 'user', password: '' }],
    ['a password of only soft hyphens (empty after SASLprep)', { username: 'user', password: '\u00AD\u00AD' }],
  ])('refuses %s when the exchange is created', (_case, credentials) => {
    expect(() => createScramExchange({ hash: 'sha-256', credentials })).toThrow(SaslError);
  });

  it('derives the proof from the SASLprep-ed password', async () => {
    // "pen\u00ADcil" prepares to "pencil" (soft hyphen mapped to nothing), so the RFC example must still hold.
    const exchange = exchangeFor(RFC7677, { username: 'user', password: 'pen\u00ADcil' });
    exchange.initial();
    expect(text(await exchange.challenge(bytes(RFC7677.serverFirst)))).toBe(RFC7677.clientFinal);
    expect(() => exchange.success(bytes(RFC7677.serverFinal))).not.toThrow();
  });
});
