/**
 * The store of the certificate authorities the user added: the certificates themselves round-trip, a second
 * add of the same one is a no-op, and a damaged or tampered file fails closed (moved aside, reported, no
 * extra roots), never "trust everything".
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExtraCaStore, EXTRA_CA_FILE_SCHEMA, EXTRA_CA_FILE_VERSION } from '../../../main/store/extra-ca-store.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { parseCaFile, type ParsedCa } from '../../../main/trust/ca-file.js';
import { pemToDer } from '../../../main/trust/certificate.js';
import { createTestCa } from '../../harness/test-pki.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date('2030-01-02T03:04:05.678Z');
const ADDED = '2030-01-02T03:04:05.678Z';

let first: ParsedCa;
let second: ParsedCa;
beforeAll(async () => {
  const now = new Date();
  const only = async (name: string) => parseCaFile(Buffer.from((await createTestCa({ commonName: name })).certPem), now)[0]!;
  first = await only('Corp Root');
  second = await only('Lab Root');
});

async function setup() {
  const dir = await tempDir();
  const file = join(dir, 'extra-cas.json');
  const problems: StoreProblem[] = [];
  const open = () => createExtraCaStore({ file, now: () => NOW, report: (p) => problems.push(p), locks: createPathLocks() });
  return { dir, file, problems, open, store: open() };
}

const viewOf = ({ subject, issuer, notBefore, notAfter, sha256 }: ParsedCa) => ({ subject, issuer, notBefore, notAfter, sha256, addedAt: ADDED });

describe('extra CA store', () => {
  it('starts empty with no file, and keeps what was added across a fresh open, as facts and as PEM', async () => {
    const { store, open, problems } = await setup();
    expect(await store.list()).toEqual([]);
    expect(await store.pems()).toEqual([]);
    expect(await store.add([first, second], ADDED)).toEqual([viewOf(first), viewOf(second)]);
    const again = open();
    expect(await again.list()).toEqual([viewOf(first), viewOf(second)]);
    const pems = await again.pems();
    expect(pems.map((pem) => Buffer.from(pemToDer(pem)))).toEqual([Buffer.from(first.der), Buffer.from(second.der)]);
    expect(problems).toEqual([]);
  });

  it('writes the versioned envelope with the certificate bytes, not a path', async () => {
    const { store, file } = await setup();
    await store.add([first], ADDED);
    const envelope = JSON.parse(await readFile(file, 'utf8')) as { schema: string; version: number; data: Array<{ der: string }> };
    expect(envelope).toMatchObject({ schema: EXTRA_CA_FILE_SCHEMA, version: EXTRA_CA_FILE_VERSION });
    expect(envelope.data[0]?.der).toBe(Buffer.from(first.der).toString('base64'));
  });

  it('adds an authority once: a second add of it changes nothing and answers nothing added', async () => {
    const { store, file } = await setup();
    await store.add([first], ADDED);
    const before = await readFile(file);
    expect(await store.add([first], '2031-01-01T00:00:00.000Z')).toEqual([]);
    expect(await readFile(file)).toEqual(before);
  });

  it('removes by fingerprint, and says when there was none', async () => {
    const { store } = await setup();
    await store.add([first, second], ADDED);
    expect(await store.remove(first.sha256)).toBe(true);
    expect(await store.remove(first.sha256)).toBe(false);
    expect((await store.list()).map((ca) => ca.sha256)).toEqual([second.sha256]);
  });

  it.each([
    ['not JSON', () => '{ "schema": "hostproof.extra-cas", ', 'not-json'],
    ['an entry whose fingerprint is not its certificate', (valid: string) => valid.replace(/"sha256": "[0-9a-f]{64}"/, `"sha256": "${'0'.repeat(64)}"`), 'invalid-data'],
    ['an unknown version', (valid: string) => valid.replace(`"version": ${EXTRA_CA_FILE_VERSION}`, '"version": 99'), 'unknown-version'],
  ] as const)('a damaged file (%s) is moved aside, reported, and means no extra roots', async (_name, damage, kind) => {
    const { store, file, dir, open, problems } = await setup();
    await store.add([first], ADDED);
    const damaged = damage(await readFile(file, 'utf8'));
    await writeFile(file, damaged);
    const reopened = open();
    expect(await reopened.pems()).toEqual([]);
    expect(await reopened.list()).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind, message: expect.stringContaining('not trusted until you add it again') as string });
    const aside = (await readdir(dir)).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(damaged);
  });
});
