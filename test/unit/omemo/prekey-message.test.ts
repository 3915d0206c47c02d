/**
 * The sender's identity key read out of a pre-key message (so the identity policy is asked before the Signal
 * library handles it): found in a real one, and any other bytes give `bad-message`, never a crash or a guess.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../../../main/omemo/memory-key-store.js';
import { createOmemoCipher } from '../../../main/omemo/omemo-cipher.js';
import { createOmemoDevice } from '../../../main/omemo/omemo-device.js';
import { OmemoError } from '../../../main/omemo/omemo-error.js';
import { preKeyMessageIdentityKey } from '../../../main/omemo/prekey-message.js';

describe('reading a pre-key message', () => {
  it("finds the sender's identity key in a real pre-key message", async () => {
    const aliceStore = createMemoryKeyStore();
    const alice = await createOmemoDevice({ store: aliceStore, now: Date.now }).setUp();
    const bobStore = createMemoryKeyStore();
    const bob = createOmemoDevice({ store: bobStore, now: Date.now });
    const bobId = (await bob.setUp()).deviceId;
    const cipher = createOmemoCipher({ store: aliceStore, ownJid: 'alice@example.org' });
    const { message } = await cipher.encrypt('hi', [{ jid: 'bob@example.org', deviceId: bobId, bundle: await bob.bundle() }]);
    expect(preKeyMessageIdentityKey(message.keys[0]!.data)).toEqual(alice.identityKeyPair.publicKey);
  });

  it('refuses any other bytes with bad-message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        try {
          expect(preKeyMessageIdentityKey(bytes).byteLength).toBe(33);
        } catch (error) {
          expect(error).toBeInstanceOf(OmemoError);
          expect((error as OmemoError).kind).toBe('bad-message');
        }
      }),
    );
    const noIdentity = new Uint8Array([0x33, 0x08, 0x01]); // version, then field 1 (preKeyId) = 1
    expect(() => preKeyMessageIdentityKey(noIdentity)).toThrow(OmemoError);
    const truncated = new Uint8Array([0x33, 0x1a, 0x21, 0x05]); // field 3 claims 33 bytes, holds 1
    expect(() => preKeyMessageIdentityKey(truncated)).toThrow(OmemoError);
  });
});
