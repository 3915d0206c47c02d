/**
 * The real safeStorage cipher and password vault over a recording safeStorage: a password is written only
 * where a key store really protects it (not Linux's hard-coded `basic_text` key), always through the
 * asynchronous API.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageCipher } from '../../../main/electron/safe-storage-cipher.js';
import { createPasswordVault } from '../../../main/store/password-vault.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { useTempDirs } from '../store/temp-dir.js';
import { FakeSafeStorage } from './fake-electron.js';

const tempDir = useTempDirs();
const ACCOUNT = '6f1c1f3e-8a54-4f39-9a4c-0f7d6a1b2c3d';

async function vaultOver(storage: FakeSafeStorage) {
  const file = join(await tempDir(), 'passwords.json');
  const vault = createPasswordVault({ file, cipher: safeStorageCipher(storage), now: () => new Date(), report: () => undefined, locks: createPathLocks() });
  const written = () => readFile(file, 'utf8').catch(() => null);
  return { vault, written };
}

describe('password storage that tells the truth', () => {
  it('Linux with basic_text: encryption "available" but nothing is remembered or written', async () => {
    const storage = new FakeSafeStorage({ backend: 'basic_text', available: true });
    const { vault, written } = await vaultOver(storage);
    expect(await vault.canRemember()).toBe(false);
    await vault.set(ACCOUNT, 'hunter2');
    expect(await written()).toBeNull();
    expect(await vault.get(ACCOUNT)).toBeNull();
    expect(storage.calls).not.toContain('encryptStringAsync');
  });

  it('Linux before the app is ready (backend unknown) is not trusted either', async () => {
    const { vault } = await vaultOver(new FakeSafeStorage({ backend: 'unknown' }));
    expect(await vault.canRemember()).toBe(false);
  });

  it.each(['gnome_libsecret', 'kwallet5'] as const)('Linux with %s: remembered, sealed, through the asynchronous API', async (backend) => {
    const storage = new FakeSafeStorage({ backend });
    const { vault, written } = await vaultOver(storage);
    expect(await vault.canRemember()).toBe(true);
    await vault.set(ACCOUNT, 'hunter2');
    expect(await written()).not.toContain('hunter2');
    expect(await vault.get(ACCOUNT)).toBe('hunter2');
    expect(storage.calls).toEqual(['getSelectedStorageBackend', 'isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync']);
  });

  it('macOS and Windows (no backend to ask): the asynchronous availability decides', async () => {
    const yes = await vaultOver(new FakeSafeStorage({ backend: null, available: true }));
    expect(await yes.vault.canRemember()).toBe(true);
    const no = await vaultOver(new FakeSafeStorage({ backend: null, available: false }));
    expect(await no.vault.canRemember()).toBe(false);
    await no.vault.set(ACCOUNT, 'hunter2');
    expect(await no.written()).toBeNull();
  });

  it('a key store that fails to answer counts as none', async () => {
    const storage = new FakeSafeStorage({ backend: null });
    storage.isAsyncEncryptionAvailable = () => Promise.reject(new Error('keyring locked'));
    const { vault } = await vaultOver(storage);
    expect(await vault.canRemember()).toBe(false);
  });

  it('a rotated key store key: the password is sealed again after reading', async () => {
    const storage = new FakeSafeStorage({ backend: 'gnome_libsecret' });
    const { vault } = await vaultOver(storage);
    await vault.set(ACCOUNT, 'hunter2');
    storage.shouldReEncrypt = true;
    expect(await vault.get(ACCOUNT)).toBe('hunter2');
    expect(storage.calls.slice(-2)).toEqual(['decryptStringAsync', 'encryptStringAsync']);
  });
});
