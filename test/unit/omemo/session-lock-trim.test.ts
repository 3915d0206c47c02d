/**
 * The Signal library's SessionLock keeps one promise per session operation (and one entry per failure) in
 * module-level arrays it never empties; our cipher empties them after each operation, so a long-running client
 * does not hold every message it ever handled.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../../../main/omemo/memory-key-store.js';
import { createOmemoCipher } from '../../../main/omemo/omemo-cipher.js';
import { createOmemoDevice } from '../../../main/omemo/omemo-device.js';
import { sessionLockBacklog } from '../../../main/omemo/session-lock-trim.js';

const now = () => Date.UTC(2026, 0, 1);

async function party(jid: string) {
  const store = createMemoryKeyStore();
  const device = createOmemoDevice({ store, now });
  const own = await device.setUp();
  return { jid, store, device, own, cipher: createOmemoCipher({ store, ownJid: jid }) };
}

describe("the Signal library's lock backlog", () => {
  it('is empty after messages both ways and after a failed decryption', async () => {
    const alice = await party('alice@example.org');
    const bob = await party('bob@example.net');
    const toBob = { jid: bob.jid, deviceId: bob.own.deviceId, bundle: await bob.device.bundle() };
    const toAlice = { jid: alice.jid, deviceId: alice.own.deviceId };

    for (let i = 0; i < 5; i++) {
      const out = await alice.cipher.encrypt(`hello ${i}`, [toBob]);
      expect((await bob.cipher.decrypt(alice.jid, out.message)).plaintext).toBe(`hello ${i}`);
      const back = await bob.cipher.encrypt(`hi ${i}`, [toAlice]);
      expect((await alice.cipher.decrypt(bob.jid, back.message)).plaintext).toBe(`hi ${i}`);
    }
    // A replayed message fails inside the library, which records the failure in its error list too.
    const replay = await alice.cipher.encrypt('once', [toBob]);
    await bob.cipher.decrypt(alice.jid, replay.message);
    await expect(bob.cipher.decrypt(alice.jid, replay.message)).rejects.toMatchObject({ kind: 'bad-message' });

    expect(sessionLockBacklog()).toEqual({ promises: 0, errors: 0 });
  });
});
