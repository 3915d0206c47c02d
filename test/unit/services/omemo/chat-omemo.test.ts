/**
 * What the chat's OMEMO tells the window about a contact's new device (issue 15): a message that leaves a device
 * out as undecided says which one, every time, and the next message that leaves none out says so once, so the
 * conversation's notice goes away; a message refused because no device of the contact is trusted says which
 * wait too. Real accounts' OMEMO over a PEP service in memory.
 */
import { describe, expect, it } from 'vitest';
import type { UndecidedDevice } from '../../../../app/ipc/omemo-contract.js';
import { createMemoryKeyRecords } from '../../../../main/omemo/memory-key-store.js';
import { createAccountOmemo, type AccountOmemo } from '../../../../main/services/omemo/account-omemo.js';
import { createChatOmemo } from '../../../../main/services/omemo/chat-omemo.js';
import { createMemoryPepServer, type MemoryPepServer } from './memory-pep.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.net';

function account(jid: string, deviceId?: number): Promise<AccountOmemo> {
  return createAccountOmemo({
    keys: { ok: true, records: createMemoryKeyRecords() },
    ownJid: jid,
    now: () => Date.UTC(2026, 0, 1),
    log: () => undefined,
    send: async () => undefined,
    ...(deviceId === undefined ? {} : { newDeviceId: () => deviceId }),
  });
}

function fingerprintOf(omemo: AccountOmemo): string {
  const state = omemo.state();
  if (state.status !== 'ready') throw new Error(`not ready: ${state.status}`);
  return state.fingerprint;
}

/** Alice's chat OMEMO (what it tells recorded) and Bob's first device (101), both online on one PEP server. */
async function aliceWritingToBob() {
  const server = createMemoryPepServer();
  const alice = await account(ALICE);
  const told: Array<{ readonly peer: string; readonly devices: readonly UndecidedDevice[] }> = [];
  const chat = createChatOmemo({ create: async () => alice, log: () => undefined, undecided: (peer, devices) => told.push({ peer, devices }) });
  const bob1 = await account(BOB, 101);
  await bob1.online(server.client(BOB));
  await alice.online(server.client(ALICE));
  return { server, alice, told, chat, bob1 };
}

/**
 * The person verifies Bob's first device; then Bob adds a second one (202), which Alice learns of at her next
 * session. Returns Alice's trust store and Bob's new device.
 */
async function verifyBobThenAddADevice(server: MemoryPepServer, alice: AccountOmemo) {
  const trust = alice.trust();
  if (trust === null) throw new Error('OMEMO is off');
  await trust.decide({ jid: BOB, deviceId: 101 }, 'verified');
  const bob2 = await account(BOB, 202);
  await bob2.online(server.client(BOB));
  alice.offline();
  await alice.online(server.client(ALICE));
  return { trust, bob2 };
}

describe("the chat's OMEMO and undecided devices", () => {
  it("tells which new device of a verified contact a message left out, and once that none is left out after the person decided", async () => {
    const { server, alice, told, chat } = await aliceWritingToBob();

    // Blind trust: nothing left out, nothing to tell.
    await chat.encryptFor(BOB, 'first');
    expect(told).toEqual([]);
    // Bob adds a device and writes from it: Alice reads it, so she knows its key, but does not encrypt to it.
    const { trust, bob2 } = await verifyBobThenAddADevice(server, alice);
    expect(await alice.decrypt(BOB, (await bob2.encrypt(ALICE, 'hello from my new phone')).message)).toBe('hello from my new phone');

    const second = await chat.encryptFor(BOB, 'second');
    expect(second.keys.map((k) => k.rid)).toEqual([101]);
    expect(told).toEqual([{ peer: BOB, devices: [{ deviceId: 202, fingerprint: fingerprintOf(bob2) }] }]);
    // Still undecided: told again, so a window opened since then shows it too.
    await chat.encryptFor(BOB, 'third');
    expect(told).toHaveLength(2);
    expect(told[1]).toEqual(told[0]);

    await trust.decide({ jid: BOB, deviceId: 202 }, 'blind');
    const fourth = await chat.encryptFor(BOB, 'fourth');
    expect(fourth.keys.map((k) => k.rid).sort()).toEqual([101, 202]);
    expect(told.at(-1)).toEqual({ peer: BOB, devices: [] });
    // Nothing was waiting any more: the next message says nothing.
    await chat.encryptFor(BOB, 'fifth');
    expect(told).toHaveLength(3);
  });

  it('tells the undecided devices when a message is refused because no device of the contact is trusted', async () => {
    const { server, alice, told, chat } = await aliceWritingToBob();
    await chat.encryptFor(BOB, 'first');
    // Bob gets a new device (it waits for a decision), then the person distrusts the one they had verified.
    const { trust, bob2 } = await verifyBobThenAddADevice(server, alice);
    await chat.encryptFor(BOB, 'second');
    const waiting = { peer: BOB, devices: [{ deviceId: 202, fingerprint: fingerprintOf(bob2) }] };
    expect(told).toEqual([waiting]);
    await trust.decide({ jid: BOB, deviceId: 101 }, 'distrusted');

    await expect(chat.encryptFor(BOB, 'third')).rejects.toMatchObject({
      name: 'OutgoingRefusal',
      kind: 'encryption-failed',
      message: expect.stringMatching(/No device of bob@example\.net is trusted/),
    });
    // Refused, and the device that could take it waits for the person: the notice asks about it.
    expect(told).toEqual([waiting, waiting]);

    // A refusal for another reason (no session to fetch keys on) says nothing about devices either way.
    alice.offline();
    await expect(chat.encryptFor('carol@example.org', 'hello')).rejects.toMatchObject({ name: 'OutgoingRefusal', kind: 'keys-unreachable' });
    expect(told).toHaveLength(2);
  });

  it('tells nothing about a distrusted device: the person already decided about it', async () => {
    const server = createMemoryPepServer();
    const alice = await account(ALICE);
    const told: unknown[] = [];
    const chat = createChatOmemo({ create: async () => alice, log: () => undefined, undecided: (peer, devices) => told.push({ peer, devices }) });
    const bob1 = await account(BOB, 101);
    const bob2 = await account(BOB, 202);
    await bob1.online(server.client(BOB));
    await bob2.online(server.client(BOB));
    await alice.online(server.client(ALICE));
    const trust = alice.trust();
    if (trust === null) throw new Error('OMEMO is off');
    await trust.see({ jid: BOB, deviceId: 202 });
    await trust.decide({ jid: BOB, deviceId: 202 }, 'distrusted');

    const sent = await chat.encryptFor(BOB, 'hi');
    expect(sent.keys.map((k) => k.rid)).toEqual([101]);
    expect(told).toEqual([]);
  });
});

describe("the chat's OMEMO and the person's choice for the conversation", () => {
  async function withBob(plaintextChosen: (peer: string) => Promise<boolean>) {
    const server = createMemoryPepServer();
    const alice = await account(ALICE);
    const bob = await account(BOB, 101);
    await bob.online(server.client(BOB));
    await alice.online(server.client(ALICE));
    return createChatOmemo({ create: async () => alice, log: () => undefined, undecided: () => undefined, plaintextChosen });
  }

  it('writes a new message to a contact with devices unencrypted only in the conversation the person chose plaintext for', async () => {
    const chosen = new Set<string>();
    const chat = await withBob(async (peer) => chosen.has(peer));
    expect(await chat.encryptionFor(BOB)).toEqual({ kind: 'omemo', device: null });
    chosen.add(BOB);
    expect(await chat.encryptionFor(BOB)).toBeUndefined();
    chosen.delete(BOB);
    expect(await chat.encryptionFor(BOB)).toEqual({ kind: 'omemo', device: null });
  });

  it('encrypts when the choice cannot be read (fail closed)', async () => {
    const chat = await withBob(async () => {
      throw new Error('disk gone');
    });
    expect(await chat.encryptionFor(BOB)).toEqual({ kind: 'omemo', device: null });
  });
});
