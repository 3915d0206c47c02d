/**
 * The OMEMO key store on a (kind, key, value bytes) table: every record kind comes back as it went in, remote
 * devices are told apart by JID and device id (JIDs with dots included), values are copies, and a damaged record
 * is refused with `corrupt-store` rather than read half.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryKeyRecords, createMemoryKeyStore } from '../../../main/omemo/memory-key-store.js';
import type { KeyPairBytes, StoredSignedPreKey } from '../../../main/omemo/omemo-key-store.js';
import { keyStoreOnRecords } from '../../../main/omemo/records-key-store.js';
import { refusalOf as kindOf } from './omemo-refusal.js';

const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);
const pair = (fill: number): KeyPairBytes => {
  const publicKey = bytes(33, fill);
  publicKey[0] = 0x05;
  return { publicKey, privateKey: bytes(32, fill + 1) };
};


describe('the OMEMO key store', () => {
  it('keeps our device, pre-keys, signed pre-keys and the last pre-key id', async () => {
    const store = createMemoryKeyStore();
    expect(await store.loadOwnDevice()).toBeUndefined();
    await store.saveOwnDevice({ deviceId: 0x7fffffff, identityKeyPair: pair(1) });
    expect(await store.loadOwnDevice()).toEqual({ deviceId: 0x7fffffff, identityKeyPair: pair(1) });

    await store.savePreKey({ id: 12, keyPair: pair(3) });
    await store.savePreKey({ id: 2, keyPair: pair(5) });
    expect((await store.listPreKeys()).map((key) => key.id)).toEqual([2, 12]);
    expect(await store.loadPreKey(12)).toEqual({ id: 12, keyPair: pair(3) });
    await store.removePreKey(12);
    expect(await store.loadPreKey(12)).toBeUndefined();

    expect(await store.loadLastPreKeyId()).toBe(0);
    await store.saveLastPreKeyId(112);
    expect(await store.loadLastPreKeyId()).toBe(112);

    const signed: StoredSignedPreKey = { id: 1, keyPair: pair(7), signature: bytes(64, 9), createdAt: 1000, retiredAt: null };
    await store.saveSignedPreKey(signed);
    await store.saveSignedPreKey({ ...signed, id: 2, retiredAt: 5000 });
    expect(await store.loadSignedPreKey(1)).toEqual(signed);
    expect((await store.listSignedPreKeys()).map((key) => [key.id, key.retiredAt])).toEqual([
      [1, null],
      [2, 5000],
    ]);
    await store.removeSignedPreKey(1);
    expect(await store.loadSignedPreKey(1)).toBeUndefined();
  });

  it('keeps one session and one identity per (JID, device), JIDs with dots included', async () => {
    const store = createMemoryKeyStore();
    const one = { jid: 'bob@chat.example.org', deviceId: 1 };
    const other = { jid: 'bob@chat.example.org', deviceId: 11 };
    const elsewhere = { jid: 'bob@chat.example', deviceId: 1 };
    await store.saveSession(one, 'session one');
    await store.saveSession(other, 'session eleven');
    expect(await store.loadSession(one)).toBe('session one');
    expect(await store.loadSession(other)).toBe('session eleven');
    expect(await store.loadSession(elsewhere)).toBeUndefined();
    await store.removeSession(one);
    expect(await store.loadSession(one)).toBeUndefined();
    expect(await store.loadSession(other)).toBe('session eleven');

    await store.saveIdentity(one, pair(4).publicKey);
    expect(await store.loadIdentity(one)).toEqual(pair(4).publicKey);
    expect(await store.loadIdentity(other)).toBeUndefined();
  });

  it('hands out copies: changing what it returned does not change what it holds', async () => {
    const store = createMemoryKeyStore();
    const device = { jid: 'alice@example.org', deviceId: 5 };
    const key = pair(2).publicKey;
    await store.saveIdentity(device, key);
    key[1] = 0xff;
    const loaded = (await store.loadIdentity(device))!;
    loaded[2] = 0xee;
    expect(await store.loadIdentity(device)).toEqual(pair(2).publicKey);
  });

  it('refuses damaged records with corrupt-store', async () => {
    const records = createMemoryKeyRecords();
    const store = keyStoreOnRecords(records);
    await records.put('own-device', 'own', new TextEncoder().encode('{"deviceId": 5, "publicKey": "AAAA", "privateKey": "AAAA"}'));
    expect(await kindOf(store.loadOwnDevice())).toBe('corrupt-store');
    await records.put('pre-key', '3', new TextEncoder().encode('not json'));
    expect(await kindOf(store.listPreKeys())).toBe('corrupt-store');
    await records.put('identity', 'bob@example.org/3', bytes(32, 5));
    expect(await kindOf(store.loadIdentity({ jid: 'bob@example.org', deviceId: 3 }))).toBe('corrupt-store');
    await records.put('own-device', 'own', new TextEncoder().encode(JSON.stringify({ deviceId: 0, publicKey: '', privateKey: '' })));
    expect(await kindOf(store.loadOwnDevice())).toBe('corrupt-store');
  });
});
