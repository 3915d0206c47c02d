/**
 * Where no key store protects a password (none at all, or Linux's hard-coded basic_text key), the account
 * service keeps it for the session only and never records the account as "remembered".
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDnsResolver, createNameLookup } from '../../../main/net/name-lookup.js';
import { createAppServices } from '../../../main/services/create-app-services.js';
import { createTestCipher } from '../../harness/test-cipher.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();

async function servicesWith(available: boolean) {
  const dataDir = await tempDir();
  const services = createAppServices({
    dataDir,
    cipher: createTestCipher(available),
    emit: () => undefined,
    network: { ca: [], lookup: createNameLookup(), dns: createDnsResolver() },
    openSession: () => Promise.reject(new Error('no session in this test')),
    notice: () => undefined,
    confirm: async () => true,
    pickCaFile: async () => null,
  });
  const everyFileText = async () => {
    const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    return (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  };
  return { services, everyFileText };
}

describe('remember password without a key store', () => {
  it('adding with "remember" keeps the password out of every file and the account says it is not remembered', async () => {
    const { services, everyFileText } = await servicesWith(false);
    const account = await services.accounts.add({ jid: 'alice@example.com', password: 'pw-secret-1', rememberPassword: true, autoConnect: false });
    expect(account.settings.rememberPassword).toBe(false);
    await services.shutdown();
    expect(await everyFileText()).not.toContain('pw-secret-1');
  });

  it('turning "remember" on later is refused the same way', async () => {
    const { services, everyFileText } = await servicesWith(false);
    const account = await services.accounts.add({ jid: 'bob@example.com', password: 'pw-secret-2', rememberPassword: false, autoConnect: false });
    const updated = await services.accounts.update({ accountId: account.settings.id, rememberPassword: true, password: 'pw-secret-3' });
    expect(updated.settings.rememberPassword).toBe(false);
    await services.shutdown();
    expect(await everyFileText()).not.toMatch(/pw-secret/);
  });

  it('with a key store, "remember" is kept (the test cipher seals it)', async () => {
    const { services, everyFileText } = await servicesWith(true);
    const account = await services.accounts.add({ jid: 'carol@example.com', password: 'pw-secret-4', rememberPassword: true, autoConnect: false });
    expect(account.settings.rememberPassword).toBe(true);
    await services.shutdown();
    const files = await everyFileText();
    expect(files).toContain('hostproof.passwords');
    expect(files).not.toContain('pw-secret-4');
  });
});
