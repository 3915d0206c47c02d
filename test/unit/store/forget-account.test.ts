import path from 'node:path';
/**
 * Removing an account forgets it in every store that keeps something per account, through the app's real
 * removal path and real files: afterwards no file in the data directory mentions the account, and the other
 * account keeps everything.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountSettings } from '../../../app/domain/account.js';
import { trustLogEntryFrom } from '../../../app/domain/trust-log-entry.js';
import type { TrustLogEntryV2 } from '../../../app/domain/trust-records.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import { PKIX_CHAIN_ONLY, input, posh } from '../trust/verdict-fixtures.js';
import { createDnsResolver, createNameLookup } from '../../../main/net/name-lookup.js';
import { createAppServices } from '../../../main/services/create-app-services.js';
import { openAppStores, type AppStores } from '../../../main/store/app-stores.js';
import { forgetInEvery, type PerAccountStore } from '../../../main/store/per-account-store.js';
import { createSealedKeyRecords } from '../../../main/store/omemo/sealed-keys.js';
import type { SecretCipher } from '../../../main/store/password-vault.js';
import { createTestCipher } from '../../harness/test-cipher.js';
import { SUMMARY } from './pin-fixture.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const now = () => new Date('2024-06-01T12:00:00Z');

const VERDICT = decideTrust(input({ certificate: SUMMARY, chain: [SUMMARY], pkix: PKIX_CHAIN_ONLY, posh: posh('absent', SUMMARY) }));
const logged = (account: string): TrustLogEntryV2 =>
  trustLogEntryFrom(VERDICT, { at: '2024-06-01T12:00:00.000Z', account, decision: 'pin' });

async function everyFile(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The account's OMEMO key records (sealed in omemo-keys.sqlite), as the account's OMEMO would open them. */
function omemoRecords(stores: AppStores, account: AccountSettings, cipher: SecretCipher) {
  if (!stores.omemoKeys.ok) throw new Error(stores.omemoKeys.problem.message);
  return createSealedKeyRecords({ db: stores.omemoKeys.db, account: account.id, cipher });
}

async function addWithEverything(stores: AppStores, cipher: SecretCipher, jid: string, password: string): Promise<AccountSettings> {
  const account = await stores.accounts.add({ jid, resource: 'desk', server: null, autoConnect: false, enabled: true, rememberPassword: true });
  await stores.vault.set(account.id, password);
  await stores.logins.remember(account.id, 'SCRAM-SHA-1');
  await stores.trustLog.append(logged(account.id));
  await stores.roomNotify.set(account.id, 'lobby@rooms.example.com', 'all');
  await stores.conversationEncryption.set(account.id, 'bob@example.net', 'plaintext');
  await omemoRecords(stores, account, cipher).put('session', `${jid}/1`, new Uint8Array([1, 2, 3]));
  return account;
}

describe('removing an account', () => {
  it('forgets it in the password vault, the login memory, the trust log and the OMEMO keys, and nothing else', async () => {
    const dataDir = await tempDir();
    const cipher = createTestCipher();
    const problems: string[] = [];
    const open = () => openAppStores({ dataDir, cipher, now, report: (problem) => problems.push(problem.message) });

    const before = open();
    const alice = await addWithEverything(before, cipher, 'alice@example.com', 'pw-alice');
    const bob = await addWithEverything(before, cipher, 'bob@example.com', 'pw-bob');
    // The stores of this first opening write their files; only the key file stays open (SQLite) until closed here.
    before.messages.close();
    if (before.omemoKeys.ok) before.omemoKeys.db.close();
    const aliceMentioned = async () => {
      const files = await everyFile(dataDir);
      const texts = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
      return texts.filter(({ text }) => text.includes(alice.id)).map(({ file }) => file);
    };
    // Every per-account store wrote alice down somewhere: the check below would notice any that keeps her.
    expect((await aliceMentioned()).length).toBeGreaterThanOrEqual(6);

    const services = createAppServices({
      dataDir,
      cipher,
      emit: () => undefined,
      network: { ca: [], lookup: createNameLookup(), dns: createDnsResolver() },
      openSession: () => Promise.reject(new Error('no session in this test')),
      notice: (text) => problems.push(text),
      confirm: async () => true,
      pickCaFile: async () => null,
      now,
    });
    await services.accounts.remove(alice.id, { deleteHistory: true });
    await services.shutdown();

    expect(await aliceMentioned()).toEqual([]);
    const after = open();
    expect(await after.accounts.list()).toEqual([bob]);
    expect(await after.vault.get(alice.id)).toBeNull();
    expect(await after.logins.mechanism(alice.id)).toBeNull();
    expect(await after.trustLog.read(alice.id)).toEqual([]);
    expect(await after.roomNotify.list(alice.id)).toEqual([]);
    expect(await after.roomNotify.list(bob.id)).toEqual([{ room: 'lobby@rooms.example.com', level: 'all' }]);
    expect(await omemoRecords(after, alice, cipher).list('session')).toEqual([]);
    expect(await omemoRecords(after, bob, cipher).list('session')).toEqual([{ key: 'bob@example.com/1', value: new Uint8Array([1, 2, 3]) }]);
    expect(await after.vault.get(bob.id)).toBe('pw-bob');
    expect(await after.logins.mechanism(bob.id)).toBe('SCRAM-SHA-1');
    expect(await after.trustLog.read(bob.id)).toEqual([logged(bob.id)]);
    expect(problems).toEqual([]);
    after.messages.close();
    if (after.omemoKeys.ok) after.omemoKeys.db.close();
  });

  it('asks every store even when one fails, then reports the failure', async () => {
    const forgotten: string[] = [];
    const store = (name: string): PerAccountStore => ({
      forget: async (id) => {
        forgotten.push(`${name} ${id}`);
      },
    });
    const broken: PerAccountStore = {
      forget: async () => {
        throw new Error('disk on fire');
      },
    };
    await expect(forgetInEvery([store('a'), broken, store('b')]).forget('x')).rejects.toThrow('disk on fire');
    expect(forgotten).toEqual(['a x', 'b x']);
  });

  it('forgetting an account a store never knew is not an error and writes nothing', async () => {
    const dataDir = await tempDir();
    const stores = openAppStores({ dataDir, cipher: createTestCipher(), now, report: () => undefined });
    // Opening the stores creates the message database and the OMEMO key file (SQLite opens its files); nothing else exists yet.
    const opened = await everyFile(dataDir);
    expect(opened.map((f) => path.basename(String(f))).filter((f) => !f.startsWith('messages.sqlite') && !f.startsWith('omemo-keys.sqlite'))).toEqual([]);
    await stores.accountData.forget('5b0f4c52-55a0-4a8b-a7b5-2f0e4c1f3a10');
    expect(await everyFile(dataDir)).toEqual(opened);
    stores.messages.close();
    if (stores.omemoKeys.ok) stores.omemoKeys.db.close();
  });
});
