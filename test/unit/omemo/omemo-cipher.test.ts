/**
 * OMEMO messages between real devices, each with its own in-memory store: two accounts with two devices each
 * talk both ways (first messages are pre-key messages, replies are not, own other devices read along), and every
 * way a message can fail is a typed error: not for this device, a changed payload or key, a lost session (and its
 * repair with a key transport), a changed identity key, a bundle that does not verify. Pre-keys consumed by incoming
 * sessions are topped up, and concurrent messages to one device do not fork its session.
 */
import { describe, expect, it } from 'vitest';
import type { IdentityPolicy } from '../../../main/omemo/identity-policy.js';
import { createMemoryKeyStore } from '../../../main/omemo/memory-key-store.js';
import { createOmemoCipher, type OmemoCipher, type Recipient } from '../../../main/omemo/omemo-cipher.js';
import { createOmemoDevice, type OmemoDevice } from '../../../main/omemo/omemo-device.js';
import { OmemoError } from '../../../main/omemo/omemo-error.js';
import type { OmemoKeyStore, OwnDevice, RemoteDevice } from '../../../main/omemo/omemo-key-store.js';
import type { EncryptedMessage } from '../../../main/omemo/omemo-types.js';
import { refusalOf as refusal } from './omemo-refusal.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.net';
const DAY = 24 * 60 * 60 * 1000;

interface Party {
  readonly name: string;
  readonly jid: string;
  readonly id: number;
  readonly own: OwnDevice;
  readonly store: OmemoKeyStore;
  readonly device: OmemoDevice;
  readonly cipher: OmemoCipher;
  readonly address: RemoteDevice;
}

interface PartyOptions {
  readonly deviceId?: number;
  readonly identityPolicy?: IdentityPolicy;
  readonly pickPreKey?: (count: number) => number;
  readonly now?: () => number;
}

async function party(name: string, jid: string, options: PartyOptions = {}): Promise<Party> {
  const store = createMemoryKeyStore();
  const { deviceId } = options;
  const device = createOmemoDevice({ store, now: options.now ?? (() => Date.UTC(2026, 0, 1)), ...(deviceId === undefined ? {} : { newDeviceId: () => deviceId }) });
  const own = await device.setUp();
  const cipher = createOmemoCipher({
    store,
    ownJid: jid,
    ...(options.identityPolicy === undefined ? {} : { identityPolicy: options.identityPolicy }),
    ...(options.pickPreKey === undefined ? {} : { pickPreKey: options.pickPreKey }),
  });
  return { name, jid, id: own.deviceId, own, store, device, cipher, address: { jid, deviceId: own.deviceId } };
}

async function recipient(to: Party, extra: Partial<Recipient> = {}): Promise<Recipient> {
  return { jid: to.jid, deviceId: to.id, bundle: await to.device.bundle(), ...extra };
}


/** A copy of the message with one byte of the key for `rid` flipped. */
function withKeyByteFlipped(message: EncryptedMessage, rid: number, index: (length: number) => number): EncryptedMessage {
  return {
    ...message,
    keys: message.keys.map((key) => {
      if (key.rid !== rid) return key;
      const data = new Uint8Array(key.data);
      const at = index(data.byteLength);
      data[at] = data[at]! ^ 0x01;
      return { ...key, data };
    }),
  };
}

/** A opens a session with B (pre-key message) and B answers, so that both sides hold a confirmed session. */
async function converse(a: Party, b: Party): Promise<void> {
  const first = await a.cipher.encrypt('hello', [await recipient(b)]);
  expect((await b.cipher.decrypt(a.jid, first.message)).plaintext).toBe('hello');
  const answer = await b.cipher.encrypt('hi', [await recipient(a)]);
  expect((await a.cipher.decrypt(b.jid, answer.message)).plaintext).toBe('hi');
}

describe('two accounts with two devices each', () => {
  it('all four devices talk both ways: first messages are pre-key messages, replies are not, everyone reads everything sent to them', async () => {
    const parties = [await party('A1', ALICE), await party('A2', ALICE), await party('B1', BOB), await party('B2', BOB)];
    /** "receiver<-sender": the receiver has read a message from the sender. */
    const heard = new Set<string>();
    for (const round of [1, 2]) {
      for (const sender of parties) {
        const others = parties.filter((other) => other !== sender);
        const text = `round ${round} from ${sender.name}: grüße 🌍 <b>&amp;</b>`;
        const { message, delivered, failed } = await sender.cipher.encrypt(text, await Promise.all(others.map((other) => recipient(other))));
        expect(failed).toEqual([]);
        expect(message.sid).toBe(sender.id);
        expect(message.keys.map((key) => key.rid)).toEqual(others.map((other) => other.id));
        // A pre-key message until the recipient has answered on the session.
        expect(delivered.map((d) => [d.jid, d.deviceId, d.prekey])).toEqual(others.map((other) => [other.jid, other.id, !heard.has(`${sender.name}<-${other.name}`)]));
        for (const receiver of others) {
          const result = await receiver.cipher.decrypt(sender.jid, message);
          expect(result.plaintext).toBe(text);
          // Only the message that opened the session consumed a pre-key.
          expect(result.usedPreKey).toBe(!heard.has(`${receiver.name}<-${sender.name}`) && !heard.has(`${sender.name}<-${receiver.name}`));
          heard.add(`${receiver.name}<-${sender.name}`);
        }
      }
    }
    expect(heard.size).toBe(12);
  });

  it('a device the message was not encrypted for gets not-for-this-device, the sender too', async () => {
    const [a1, b1, b2] = [await party('A1', ALICE), await party('B1', BOB), await party('B2', BOB)];
    const { message } = await a1.cipher.encrypt('only for B1', [await recipient(b1)]);
    expect(await refusal(b2.cipher.decrypt(ALICE, message))).toBe('not-for-this-device');
    expect(await refusal(a1.cipher.decrypt(ALICE, message))).toBe('not-for-this-device');
    expect((await b1.cipher.decrypt(ALICE, message)).plaintext).toBe('only for B1');
  });

  it('reports the devices it could not encrypt to, with why, and still encrypts to the others', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    const { message, delivered, failed } = await a1.cipher.encrypt('hi', [
      await recipient(b1),
      { jid: BOB, deviceId: 4242 }, // no session, no bundle
      { jid: ALICE, deviceId: a1.id }, // ourselves
    ]);
    expect(delivered.map((d) => d.deviceId)).toEqual([b1.id]);
    expect(message.keys.map((key) => key.rid)).toEqual([b1.id]);
    expect(failed.map((f) => [f.jid, f.deviceId, f.reason])).toEqual([
      [BOB, 4242, 'no-session'],
      [ALICE, a1.id, 'invalid-input'],
    ]);
    expect(failed[0]!.error).toBeInstanceOf(OmemoError);
  });

  it('a key transport message opens the sessions and reads as no text', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    const transport = await a1.cipher.encryptKeyTransport([await recipient(b1)]);
    expect(transport.message.payload).toBeUndefined();
    expect(transport.delivered).toEqual([{ jid: BOB, deviceId: b1.id, prekey: true }]);
    expect(await b1.cipher.decrypt(ALICE, transport.message)).toEqual({ plaintext: null, usedPreKey: true });
    // B1 now answers on the session A1 opened: not a pre-key message.
    const answer = await b1.cipher.encrypt('got it', [{ jid: ALICE, deviceId: a1.id }]);
    expect(answer.delivered).toEqual([{ jid: ALICE, deviceId: a1.id, prekey: false }]);
    expect((await a1.cipher.decrypt(BOB, answer.message)).plaintext).toBe('got it');
  });
});

describe('changed messages', () => {
  it('a changed payload is bad-payload, and the session goes on', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    const { message } = await a1.cipher.encrypt('the real text', [await recipient(b1)]);
    const payload = new Uint8Array(message.payload!);
    payload[0] = payload[0]! ^ 0x80;
    expect(await refusal(b1.cipher.decrypt(ALICE, { ...message, payload }))).toBe('bad-payload');
    const next = await a1.cipher.encrypt('the next text', [await recipient(b1)]);
    expect((await b1.cipher.decrypt(ALICE, next.message)).plaintext).toBe('the next text');
  });

  it('a changed key on a running session is bad-message, and the untouched message still reads', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    await converse(a1, b1);
    const { message } = await a1.cipher.encrypt('after the handshake', [await recipient(b1)]);
    expect(message.keys[0]!.prekey).toBe(false);
    expect(await refusal(b1.cipher.decrypt(ALICE, withKeyByteFlipped(message, b1.id, (length) => length - 1)))).toBe('bad-message');
    expect(await refusal(b1.cipher.decrypt(ALICE, withKeyByteFlipped(message, b1.id, (length) => length - 20)))).toBe('bad-message');
    expect((await b1.cipher.decrypt(ALICE, message)).plaintext).toBe('after the handshake');
  });

  it('a changed pre-key message is bad-message and leaves nothing behind: no pre-key used, no identity remembered', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    const { message } = await a1.cipher.encrypt('first contact', [await recipient(b1)]);
    expect(await refusal(b1.cipher.decrypt(ALICE, withKeyByteFlipped(message, b1.id, (length) => length - 1)))).toBe('bad-message');
    expect(await b1.store.listPreKeys()).toHaveLength(100);
    expect(await b1.store.loadIdentity(a1.address)).toBeUndefined();
    expect(await b1.store.loadSession(a1.address)).toBeUndefined();
    expect((await b1.cipher.decrypt(ALICE, message)).plaintext).toBe('first contact');
    expect(await b1.store.loadIdentity(a1.address)).toEqual(a1.own.identityKeyPair.publicKey);
  });

  it('a key that is not a Signal message at all is bad-message', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    const { message } = await a1.cipher.encrypt('x', [await recipient(b1)]);
    const garbage = (prekey: boolean): EncryptedMessage => ({ ...message, keys: [{ rid: b1.id, prekey, data: new Uint8Array([0x33, 0xff, 0xff]) }] });
    expect(await refusal(b1.cipher.decrypt(ALICE, garbage(true)))).toBe('bad-message');
    await converse(a1, b1);
    expect(await refusal(b1.cipher.decrypt(ALICE, garbage(false)))).toBe('bad-message');
  });
});

describe('a lost session', () => {
  it('is no-session for the receiver, and is repaired by a key transport from the bundle, after which messages read again', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    await converse(a1, b1);
    await b1.store.removeSession(a1.address); // B1 lost its session with A1 (restored an old backup, say)

    const lost = await a1.cipher.encrypt('into the void', [await recipient(b1)]);
    expect(lost.delivered[0]!.prekey).toBe(false);
    expect(await refusal(b1.cipher.decrypt(ALICE, lost.message))).toBe('no-session');

    // B1 fetches A1's bundle and opens a new session with a key transport.
    const repair = await b1.cipher.encryptKeyTransport([await recipient(a1)]);
    expect(repair.delivered).toEqual([{ jid: ALICE, deviceId: a1.id, prekey: true }]);
    expect(await a1.cipher.decrypt(BOB, repair.message)).toEqual({ plaintext: null, usedPreKey: true });

    const again = await a1.cipher.encrypt('can you read me now?', [await recipient(b1)]);
    expect(again.delivered[0]!.prekey).toBe(false);
    expect((await b1.cipher.decrypt(ALICE, again.message)).plaintext).toBe('can you read me now?');
  });

  it('can also be repaired by the sender opening a new session from the bundle', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    await converse(a1, b1);
    await b1.store.removeSession(a1.address);

    const transport = await a1.cipher.encryptKeyTransport([await recipient(b1, { newSession: true })]);
    expect(transport.delivered[0]!.prekey).toBe(true);
    expect((await b1.cipher.decrypt(ALICE, transport.message)).plaintext).toBeNull();
    const again = await a1.cipher.encrypt('and again', [await recipient(b1)]);
    expect((await b1.cipher.decrypt(ALICE, again.message)).plaintext).toBe('and again');
  });

  it('asking for a new session without a bundle is reported, not skipped', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    await converse(a1, b1);
    const { failed } = await a1.cipher.encrypt('x', [{ jid: BOB, deviceId: b1.id, newSession: true }]);
    expect(failed.map((f) => f.reason)).toEqual(['no-session']);
  });
});

describe('identity keys', () => {
  it('a known device that shows another identity key is refused with identity-changed, both ways, and the old session is untouched', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    await converse(a1, b1);
    // Someone presents B1's device id with a new identity key (a reinstall, or an attacker).
    const impostor = await party('B1 again', BOB, { deviceId: b1.id });
    expect(Buffer.from(impostor.own.identityKeyPair.publicKey).equals(Buffer.from(b1.own.identityKeyPair.publicKey))).toBe(false);

    const incoming = await impostor.cipher.encrypt('trust me', [await recipient(a1)]);
    expect(await refusal(a1.cipher.decrypt(BOB, incoming.message))).toBe('identity-changed');
    expect(await a1.store.loadIdentity(b1.address)).toEqual(b1.own.identityKeyPair.publicKey);
    expect(await a1.store.listPreKeys()).toHaveLength(100); // the refused message used none of A1's pre-keys

    const fromB1 = await b1.cipher.encrypt('still me', [await recipient(a1)]);
    expect((await a1.cipher.decrypt(BOB, fromB1.message)).plaintext).toBe('still me');

    // Sending: with no session, the new bundle is refused, and reported.
    await a1.store.removeSession(b1.address);
    const outgoing = await a1.cipher.encrypt('to whom?', [await recipient(impostor)]);
    expect(outgoing.delivered).toEqual([]);
    expect(outgoing.failed.map((f) => [f.deviceId, f.reason])).toEqual([[b1.id, 'identity-changed']]);
    expect(await a1.store.loadSession(b1.address)).toBeUndefined();
  });

  it('asks the identity policy with the JID, the device, the key and the key known before', async () => {
    const calls: Array<[string, number, string, string | undefined]> = [];
    const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');
    const policy: IdentityPolicy = (jid, deviceId, key, known) => {
      calls.push([jid, deviceId, hex(key), known && hex(known)]);
      return true;
    };
    const a1 = await party('A1', ALICE, { identityPolicy: policy });
    const b1 = await party('B1', BOB);
    const { message } = await b1.cipher.encrypt('hello', [await recipient(a1)]);
    await a1.cipher.decrypt(BOB, message);
    const bKey = hex(b1.own.identityKeyPair.publicKey);
    expect(calls[0]).toEqual([BOB, b1.id, bKey, undefined]);
    const answer = await a1.cipher.encrypt('hi', [await recipient(b1)]);
    expect(answer.failed).toEqual([]);
    expect(calls.at(-1)).toEqual([BOB, b1.id, bKey, bKey]);
  });

  it('a policy that refuses unknown devices gives untrusted-identity, both ways', async () => {
    const refuseNew: IdentityPolicy = (_jid, _deviceId, _key, known) => known !== undefined;
    const a1 = await party('A1', ALICE, { identityPolicy: refuseNew });
    const b1 = await party('B1', BOB);
    const outgoing = await a1.cipher.encrypt('hi', [await recipient(b1)]);
    expect(outgoing.failed.map((f) => f.reason)).toEqual(['untrusted-identity']);
    const incoming = await b1.cipher.encrypt('hi', [await recipient(a1)]);
    expect(await refusal(a1.cipher.decrypt(BOB, incoming.message))).toBe('untrusted-identity');
    expect(await a1.store.listPreKeys()).toHaveLength(100);
  });

  it('a bundle whose signed pre-key signature does not verify is bad-bundle', async () => {
    const [a1, b1] = [await party('A1', ALICE), await party('B1', BOB)];
    const bundle = await b1.device.bundle();
    const signature = new Uint8Array(bundle.signedPreKey.signature);
    signature[10] = signature[10]! ^ 0x01;
    const broken = { ...bundle, signedPreKey: { ...bundle.signedPreKey, signature } };
    const { failed } = await a1.cipher.encrypt('hi', [{ jid: BOB, deviceId: b1.id, bundle: broken }]);
    expect(failed.map((f) => f.reason)).toEqual(['bad-bundle']);
    const short = { ...bundle, identityKey: bundle.identityKey.subarray(1) };
    expect((await a1.cipher.encrypt('hi', [{ jid: BOB, deviceId: b1.id, bundle: short }])).failed.map((f) => f.reason)).toEqual(['bad-bundle']);
  });
});

describe('pre-keys', () => {
  it('an incoming session consumes the pre-key the sender chose; replenishing brings the bundle back to 100 with a fresh id', async () => {
    const a1 = await party('A1', ALICE, { pickPreKey: () => 41 });
    const b1 = await party('B1', BOB);
    const { message } = await a1.cipher.encrypt('hello', [await recipient(b1)]);
    expect(await b1.cipher.decrypt(ALICE, message)).toEqual({ plaintext: 'hello', usedPreKey: true });
    expect((await b1.store.listPreKeys()).map((key) => key.id)).not.toContain(42);

    expect(await b1.device.replenish()).toBe(true);
    const ids = (await b1.device.bundle()).preKeys.map((key) => key.id);
    expect(ids).toHaveLength(100);
    expect(ids).not.toContain(42);
    expect(ids).toContain(101);
    expect(await b1.device.replenish()).toBe(false);
  });

  it('a session opened from a bundle whose signed pre-key was since rotated works during the grace period, not after', async () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const [a1, a2] = [await party('A1', ALICE), await party('A2', ALICE)];
    const b1 = await party('B1', BOB, { now: clock });
    const oldBundle = await b1.device.bundle();
    await b1.device.rotateSignedPreKey();
    expect((await b1.device.bundle()).signedPreKey.id).toBe(2);

    const inGrace = await a1.cipher.encrypt('sent from the old bundle', [{ jid: BOB, deviceId: b1.id, bundle: oldBundle }]);
    expect((await b1.cipher.decrypt(ALICE, inGrace.message)).plaintext).toBe('sent from the old bundle');

    now += 31 * DAY;
    expect(await b1.device.dropExpiredSignedPreKeys()).toEqual([1]);
    const late = await a2.cipher.encrypt('too late', [{ jid: BOB, deviceId: b1.id, bundle: oldBundle }]);
    expect(await refusal(b1.cipher.decrypt(ALICE, late.message))).toBe('bad-message');
  });
});

describe('concurrency', () => {
  it('messages encrypted and decrypted at the same time for one device share one session, in order', async () => {
    let sessionsOpened = 0;
    const a1 = await party('A1', ALICE, { pickPreKey: (count) => (sessionsOpened++ * 7) % count });
    const b1 = await party('B1', BOB);
    const bundle = await recipient(b1);
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const sent = await Promise.all(texts.map((text) => a1.cipher.encrypt(text, [bundle])));
    expect(sent.every((s) => s.failed.length === 0 && s.delivered[0]!.prekey)).toBe(true);
    expect(sessionsOpened).toBe(1);
    const read = await Promise.all(sent.map((s) => b1.cipher.decrypt(ALICE, s.message)));
    expect(read.map((r) => r.plaintext)).toEqual(texts);
    // One session, opened once: only one pre-key was used.
    expect(read.filter((r) => r.usedPreKey)).toHaveLength(1);
    expect(await b1.store.listPreKeys()).toHaveLength(99);
  });
});
