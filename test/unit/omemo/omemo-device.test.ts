/**
 * Our OMEMO device: made once (a device id in 1 … 2^31 − 1, an identity key, signed pre-key 1 and 100 pre-keys),
 * its bundle, pre-keys topped up to 100 with ids never used before, and the signed pre-key rotated with the old one
 * kept for a grace period. Time comes from a clock the test moves.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../../../main/omemo/memory-key-store.js';
import { createOmemoDevice, PRE_KEY_COUNT } from '../../../main/omemo/omemo-device.js';
import { OmemoError } from '../../../main/omemo/omemo-error.js';

const DAY = 24 * 60 * 60 * 1000;

function clock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('our OMEMO device', () => {
  it('is made once: a device id in range, an identity key, signed pre-key 1 and 100 pre-keys in its bundle', async () => {
    const store = createMemoryKeyStore();
    const device = createOmemoDevice({ store, now: clock().now });
    const own = await device.setUp();
    expect(own.deviceId).toBeGreaterThanOrEqual(1);
    expect(own.deviceId).toBeLessThanOrEqual(0x7fffffff);
    expect(await device.setUp()).toEqual(own);

    const bundle = await device.bundle();
    expect(bundle.identityKey).toEqual(own.identityKeyPair.publicKey);
    expect(bundle.identityKey.byteLength).toBe(33);
    expect(bundle.identityKey[0]).toBe(0x05);
    expect(bundle.signedPreKey.id).toBe(1);
    expect(bundle.signedPreKey.signature.byteLength).toBe(64);
    expect(bundle.preKeys.map((key) => key.id)).toEqual(Array.from({ length: PRE_KEY_COUNT }, (_, i) => i + 1));
    expect(bundle.preKeys.every((key) => key.publicKey.byteLength === 33 && key.publicKey[0] === 0x05)).toBe(true);
  });

  it('draws again when the id is already in the account device list', async () => {
    const ids = [7, 7, 9];
    const device = createOmemoDevice({ store: createMemoryKeyStore(), now: clock().now, newDeviceId: () => ids.shift()! });
    expect((await device.setUp([7])).deviceId).toBe(9);
  });

  it('has no bundle before it is set up', async () => {
    const device = createOmemoDevice({ store: createMemoryKeyStore(), now: clock().now });
    await expect(device.bundle()).rejects.toSatisfy((error) => error instanceof OmemoError && error.kind === 'no-device');
  });

  it('tops the pre-keys up to 100 with fresh ids after some were used, and says when to republish', async () => {
    const store = createMemoryKeyStore();
    const device = createOmemoDevice({ store, now: clock().now });
    await device.setUp();
    expect(await device.replenish()).toBe(false);

    await store.removePreKey(100);
    await store.removePreKey(3);
    expect(await device.replenish()).toBe(true);
    const ids = (await device.bundle()).preKeys.map((key) => key.id);
    expect(ids).toHaveLength(100);
    expect(ids).not.toContain(3);
    expect(ids).not.toContain(100);
    expect(ids.slice(-2)).toEqual([101, 102]);

    await store.removePreKey(102);
    await device.replenish();
    expect((await device.bundle()).preKeys.map((key) => key.id).slice(-2)).toEqual([101, 103]);
  });

  it('rotates the signed pre-key, keeping the previous one for the grace period only', async () => {
    const store = createMemoryKeyStore();
    const time = clock();
    const device = createOmemoDevice({ store, now: time.now, signedPreKeyGraceMs: 30 * DAY });
    await device.setUp();
    const first = (await device.bundle()).signedPreKey;

    time.advance(7 * DAY);
    expect(await device.rotateSignedPreKey()).toBe(2);
    const second = (await device.bundle()).signedPreKey;
    expect(second.id).toBe(2);
    expect(Buffer.from(second.publicKey).equals(Buffer.from(first.publicKey))).toBe(false);
    expect(await store.loadSignedPreKey(1)).toMatchObject({ retiredAt: time.now() });

    time.advance(30 * DAY - 1);
    expect(await device.dropExpiredSignedPreKeys()).toEqual([]);
    time.advance(1);
    expect(await device.dropExpiredSignedPreKeys()).toEqual([1]);
    expect((await store.listSignedPreKeys()).map((key) => key.id)).toEqual([2]);

    time.advance(40 * DAY);
    expect(await device.rotateSignedPreKey()).toBe(3);
    time.advance(40 * DAY);
    expect(await device.rotateSignedPreKey()).toBe(4);
    // Rotating also forgets what expired: 2 is past its grace, 3 was only just replaced.
    expect((await store.listSignedPreKeys()).map((key) => key.id)).toEqual([3, 4]);
    expect((await device.bundle()).signedPreKey.id).toBe(4);
  });
});
