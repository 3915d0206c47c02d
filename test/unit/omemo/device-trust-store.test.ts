import { describe, expect, it } from 'vitest';
import { encryptsTo, trustOnFirstSight } from '../../../app/domain/device-trust.js';
import { createDeviceTrustStore } from '../../../main/omemo/device-trust-store.js';
import { createMemoryKeyRecords } from '../../../main/omemo/memory-key-store.js';
import { OmemoError } from '../../../main/omemo/omemo-error.js';

const BOB = 'bob@example.org';

describe('device trust', () => {
  it('encrypts to blindly trusted and verified devices only', () => {
    expect(encryptsTo('blind')).toBe(true);
    expect(encryptsTo('verified')).toBe(true);
    expect(encryptsTo('undecided')).toBe(false);
    expect(encryptsTo('distrusted')).toBe(false);
  });

  it('trusts a first device blindly, but not a new device of a contact with a verified one', () => {
    expect(trustOnFirstSight([])).toBe('blind');
    expect(trustOnFirstSight(['blind', 'distrusted'])).toBe('blind');
    expect(trustOnFirstSight(['blind', 'verified'])).toBe('undecided');
  });

  it('records first sight once, then the person\'s decisions, per device', async () => {
    let clock = 1_000;
    const store = createDeviceTrustStore(createMemoryKeyRecords(), () => clock);
    const first = await store.see({ jid: BOB, deviceId: 11 });
    expect(first).toEqual({ jid: BOB, deviceId: 11, trust: 'blind', firstSeen: 1_000, decidedAt: null });
    clock = 2_000;
    expect(await store.see({ jid: BOB, deviceId: 11 })).toEqual(first);

    await store.decide({ jid: BOB, deviceId: 11 }, 'verified');
    const second = await store.see({ jid: BOB, deviceId: 22 });
    expect(second.trust).toBe('undecided');
    expect(await store.ofAccount(BOB)).toEqual([
      { jid: BOB, deviceId: 11, trust: 'verified', firstSeen: 1_000, decidedAt: 2_000 },
      { jid: BOB, deviceId: 22, trust: 'undecided', firstSeen: 2_000, decidedAt: null },
    ]);
    expect(await store.ofAccount('carol@example.org')).toEqual([]);
  });

  it('refuses a damaged record instead of reading it as some default', async () => {
    const records = createMemoryKeyRecords();
    const store = createDeviceTrustStore(records, () => 1);
    await store.see({ jid: BOB, deviceId: 11 });
    const [row] = await records.list('device-trust');
    if (!row) throw new Error('no record');
    const text = Buffer.from(row.value).toString('utf8').replace('"blind"', '"trusted"');
    await records.put('device-trust', row.key, new Uint8Array(Buffer.from(text, 'utf8')));
    const error = await store.get({ jid: BOB, deviceId: 11 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmemoError);
    expect((error as OmemoError).kind).toBe('corrupt-store');
    await records.put('device-trust', row.key, new Uint8Array([0xff, 0xfe]));
    await expect(store.all()).rejects.toThrow(/cannot be read/);
  });
});
