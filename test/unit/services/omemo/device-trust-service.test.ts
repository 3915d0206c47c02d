import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../app/domain/account.js';
import type { TrustChange } from '../../../../app/domain/trust-change.js';
import type { UndecidedDevice } from '../../../../app/ipc/omemo-contract.js';
import { createDeviceTrustStore } from '../../../../main/omemo/device-trust-store.js';
import { createMemoryKeyRecords } from '../../../../main/omemo/memory-key-store.js';
import { createOmemoDevice } from '../../../../main/omemo/omemo-device.js';
import { fingerprintOf, parseFingerprintUri } from '../../../../main/omemo/omemo-fingerprint.js';
import { keyStoreOnRecords } from '../../../../main/omemo/records-key-store.js';
import { createDeviceTrustService } from '../../../../main/services/omemo/device-trust-service.js';

const ACCOUNT = '5d2f7a3c-1b4e-4f6a-9c8d-2e7f1a0b3c4d' as AccountId;
const ME = 'alice@example.org';
const BOB = 'bob@example.org';
const BOB_KEY = new Uint8Array([0x05, ...Array.from({ length: 32 }, (_, i) => i + 1)]);

async function world(answer: boolean) {
  const records = createMemoryKeyRecords();
  const keys = keyStoreOnRecords(records);
  const trust = createDeviceTrustStore(records, () => Date.parse('2026-12-02T10:00:00Z'));
  const asked: TrustChange[] = [];
  const told: Array<{ readonly accountId: AccountId; readonly jid: string; readonly devices: readonly UndecidedDevice[] }> = [];
  const service = createDeviceTrustService({
    recordsOf: async () => ({ ok: true, ownJid: ME, keys, trust }),
    confirm: async (change) => {
      asked.push(change);
      return answer;
    },
    undecided: (accountId, jid, devices) => told.push({ accountId, jid, devices }),
  });
  return { keys, trust, asked, told, service };
}

describe('the trust center\'s OMEMO devices', () => {
  it('says why OMEMO is off, and that keys come with the first connection', async () => {
    const off = createDeviceTrustService({ recordsOf: async () => ({ ok: false, message: 'No protected key store.' }), confirm: async () => true });
    expect(await off.list(ACCOUNT)).toEqual({ state: 'off', message: 'No protected key store.' });
    const { service } = await world(true);
    expect(await service.list(ACCOUNT)).toMatchObject({ state: 'off', message: expect.stringMatching(/first connects/) });
  });

  it('lists our device with its fingerprint and URI, and each known device with its trust', async () => {
    const { keys, trust, service } = await world(true);
    const own = await createOmemoDevice({ store: keys, now: () => 0 }).setUp();
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.see({ jid: BOB, deviceId: 7 });
    await trust.see({ jid: BOB, deviceId: 8 }); // no key seen yet
    const view = await service.list(ACCOUNT);
    if (view.state !== 'ready') throw new Error(view.message);
    expect(view.own.deviceId).toBe(own.deviceId);
    expect(view.own.fingerprint).toBe(fingerprintOf(own.identityKeyPair.publicKey));
    expect(parseFingerprintUri(view.own.uri).devices).toEqual([{ deviceId: own.deviceId, fingerprint: view.own.fingerprint.replace(/ /g, '') }]);
    expect(view.devices).toEqual([
      { jid: BOB, deviceId: 7, fingerprint: fingerprintOf(BOB_KEY), trust: 'blind', firstSeen: '2026-12-02T10:00:00.000Z', decidedAt: null },
      { jid: BOB, deviceId: 8, fingerprint: null, trust: 'blind', firstSeen: '2026-12-02T10:00:00.000Z', decidedAt: null },
    ]);
  });

  it('verifies a device only after the main process\'s own confirmation, showing its fingerprint', async () => {
    const { keys, trust, asked, service } = await world(true);
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.see({ jid: BOB, deviceId: 7 });
    const view = await service.setTrust(ACCOUNT, BOB, 7, 'verified');
    expect(view.trust).toBe('verified');
    expect(asked).toEqual([{ kind: 'trust-device', account: ME, jid: BOB, deviceId: 7, fingerprint: fingerprintOf(BOB_KEY), trust: 'verified' }]);
  });

  it('changes nothing when the person cancels the confirmation', async () => {
    const { keys, trust, service } = await world(false);
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.see({ jid: BOB, deviceId: 7 });
    await expect(service.setTrust(ACCOUNT, BOB, 7, 'verified')).rejects.toThrow(/not confirmed|cancel/i);
    expect((await trust.get({ jid: BOB, deviceId: 7 }))?.trust).toBe('blind');
  });

  it('distrusts without asking (it only keeps messages from the device), and refuses to verify an unseen key', async () => {
    const { keys, trust, asked, service } = await world(true);
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.see({ jid: BOB, deviceId: 7 });
    await trust.see({ jid: BOB, deviceId: 8 });
    expect((await service.setTrust(ACCOUNT, BOB, 7, 'distrusted')).trust).toBe('distrusted');
    await expect(service.setTrust(ACCOUNT, BOB, 8, 'verified')).rejects.toThrow(/has not shown its key/);
    await expect(service.setTrust(ACCOUNT, BOB, 9, 'blind')).rejects.toThrow(/not seen this device/);
    expect(asked).toEqual([]);
  });

  it("tells the contact's devices still undecided after each decision, so the conversation's notice follows it at once", async () => {
    const { keys, trust, told, service } = await world(true);
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.see({ jid: BOB, deviceId: 7 });
    await service.setTrust(ACCOUNT, BOB, 7, 'verified');
    // Verified: bob's new devices now wait for a decision; one has shown its key, one has not.
    await keys.saveIdentity({ jid: BOB, deviceId: 8 }, BOB_KEY.map((b, i) => (i === 3 ? b ^ 1 : b)));
    await trust.see({ jid: BOB, deviceId: 8 });
    await trust.see({ jid: BOB, deviceId: 9 });
    await trust.see({ jid: 'carol@example.org', deviceId: 5 });
    expect(told).toEqual([{ accountId: ACCOUNT, jid: BOB, devices: [] }]);

    await service.setTrust(ACCOUNT, BOB, 8, 'blind');
    expect(told.at(-1)).toEqual({ accountId: ACCOUNT, jid: BOB, devices: [{ deviceId: 9, fingerprint: null }] });
    await service.setTrust(ACCOUNT, BOB, 9, 'distrusted');
    expect(told.at(-1)).toEqual({ accountId: ACCOUNT, jid: BOB, devices: [] });
    expect(told).toHaveLength(3);
    // Nothing changed, nothing to tell.
    await service.setTrust(ACCOUNT, BOB, 9, 'distrusted');
    expect(told).toHaveLength(3);
  });

  it('tells nothing when the confirmation is cancelled: the device still waits', async () => {
    const { keys, trust, told, service } = await world(false);
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.decide({ jid: BOB, deviceId: 7 }, 'undecided');
    await expect(service.setTrust(ACCOUNT, BOB, 7, 'blind')).rejects.toThrow(/not confirmed|cancel/i);
    expect(told).toEqual([]);
  });

  it('verifies a device from an opened xmpp: link only when the link\'s fingerprint is the one the device showed, after confirmation', async () => {
    const { keys, trust, asked, service } = await world(true);
    await keys.saveIdentity({ jid: BOB, deviceId: 7 }, BOB_KEY);
    await trust.see({ jid: BOB, deviceId: 7 });
    await keys.saveIdentity({ jid: BOB, deviceId: 8 }, BOB_KEY.map((b, i) => (i === 5 ? b ^ 1 : b)));
    await trust.see({ jid: BOB, deviceId: 8 });
    const hex = fingerprintOf(BOB_KEY).replace(/ /g, '');
    const said = await service.verifyFromUri(`xmpp:${BOB}?omemo-sid-7=${hex};omemo-sid-8=${hex};omemo-sid-9=${hex}`, [ACCOUNT]);
    expect(said).toEqual([
      `Device 7 of ${BOB} is verified: its fingerprint matches the link.`,
      `Device 8 of ${BOB} shows a different fingerprint than the link: it was NOT verified. Ask ${BOB} in person.`,
      `Device 9 of ${BOB} is not known to any of your accounts yet: write to ${BOB} first, then open the link again.`,
    ]);
    expect(asked.map((c) => c.kind === 'trust-device' && c.deviceId)).toEqual([7]);
    expect((await trust.get({ jid: BOB, deviceId: 7 }))?.trust).toBe('verified');
    expect((await trust.get({ jid: BOB, deviceId: 8 }))?.trust).toBe('blind');
  });

  it('says nothing for a plain chat link, and says a broken fingerprint link cannot be read', async () => {
    const { service } = await world(true);
    expect(await service.verifyFromUri(`xmpp:${BOB}?message`, [ACCOUNT])).toEqual([]);
    expect(await service.verifyFromUri(`xmpp:${BOB}?omemo-sid-7=xyz`, [ACCOUNT])).toEqual([expect.stringMatching(/cannot be read, so nothing was verified/)]);
  });
});
