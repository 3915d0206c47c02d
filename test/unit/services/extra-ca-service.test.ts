/**
 * "Add a certificate authority" as the main process carries it out: its own file dialog, a bounded read of
 * the file, the checks, its own confirmation, and only then the store. A refused or unreadable file never
 * reaches the confirmation; Cancel in either dialog leaves the store untouched. Real store in a temp dir.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrustChange } from '../../../app/domain/trust-change.js';
import { createExtraCaService } from '../../../main/services/extra-ca-service.js';
import { createExtraCaStore } from '../../../main/store/extra-ca-store.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { MAX_CA_FILE_BYTES } from '../../../main/trust/ca-file.js';
import { createTestCa, createTestCertificate } from '../../harness/test-pki.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date();

async function setup(pick: (dir: string) => string | null, answer = true) {
  const dir = await tempDir();
  const store = createExtraCaStore({ file: join(dir, 'data', 'extra-cas.json'), now: () => NOW, report: () => undefined, locks: createPathLocks() });
  const asked: TrustChange[] = [];
  const service = createExtraCaService({
    store,
    pickFile: async () => pick(dir),
    confirm: async (change) => (asked.push(change), answer),
    now: () => NOW,
  });
  const dataFiles = async () => readdir(join(dir, 'data')).catch(() => []);
  return { dir, store, service, asked, dataFiles };
}

describe('adding a certificate authority', () => {
  it('Cancel in the file dialog: nothing is asked, nothing stored', async () => {
    const { service, asked, dataFiles } = await setup(() => null);
    expect(await service.add()).toEqual([]);
    expect(asked).toEqual([]);
    expect(await dataFiles()).toEqual([]);
  });

  it('stores a confirmed authority once; the same file again is refused as already trusted', async () => {
    const ca = await createTestCa({ commonName: 'Corp Root' });
    const { dir, service, asked } = await setup((d) => join(d, 'root.crt'));
    await writeFile(join(dir, 'root.crt'), ca.der);
    const added = await service.add();
    expect(added).toMatchObject([{ subject: 'CN=Corp Root', addedAt: NOW.toISOString() }]);
    expect(asked).toMatchObject([{ kind: 'add-ca', file: 'root.crt', authorities: [{ subject: 'CN=Corp Root' }] }]);
    expect(await service.list()).toEqual(added);
    await expect(service.add()).rejects.toThrow('root.crt: this authority is already trusted.');
    expect(asked).toHaveLength(1);
  });

  it('declined in the confirmation: nothing stored', async () => {
    const ca = await createTestCa();
    const { dir, service, dataFiles } = await setup((d) => join(d, 'root.pem'), false);
    await writeFile(join(dir, 'root.pem'), ca.certPem);
    await expect(service.add()).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    expect(await dataFiles()).toEqual([]);
  });

  it.each([
    ['a server certificate', async (dir: string) => writeFile(join(dir, 'f'), (await createTestCertificate({ commonName: 'leaf.test' })).certPem), 'is not a certificate authority'],
    ['an oversized file', (dir: string) => writeFile(join(dir, 'f'), Buffer.alloc(MAX_CA_FILE_BYTES * 4, 0x41)), 'larger than'],
    ['a folder', (dir: string) => mkdir(join(dir, 'f')), 'is not a file'],
    ['a missing file', async () => undefined, 'could not be opened (ENOENT)'],
  ] as const)('refuses %s in plain words before asking anything', async (_name, make, words) => {
    const { dir, service, asked, dataFiles } = await setup((d) => join(d, 'f'));
    await make(dir);
    await expect(service.add()).rejects.toThrow(words);
    expect(asked).toEqual([]);
    expect(await dataFiles()).toEqual([]);
  });
});
