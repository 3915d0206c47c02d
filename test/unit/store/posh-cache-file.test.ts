import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createPoshCacheFile, POSH_CACHE_FILE_SCHEMA, POSH_CACHE_FILE_VERSION } from '../../../main/store/posh-cache-file.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import type { PoshCacheEntry } from '../../../main/trust/posh/posh-cache.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date('2024-06-01T00:00:00.000Z');

// Digests from test/fixtures/posh/expected.json (a copy of the shared vectors).
const entry: PoshCacheEntry = {
  domain: 'example.com',
  format: 'rfc7711',
  fetchedAt: '2024-06-01T00:00:00.000Z',
  expiresAt: '2024-06-08T00:00:00.000Z',
  fingerprints: [
    { hash: 'sha-256', value: '4/mggdlVx8A3pvHAWW5sD+qJyMtUHgiRuPjVC48N0XQ=', url: 'https://example.com/.well-known/posh/xmpp-client.json' },
    {
      hash: 'sha-512',
      value: '25N+1hB2Vo42l9lSGqw+n3BKFhDHsyork8ou+D9B43TXeJ1J81mdQEDqm39oR/EHkPBDDG1y5+AG94Kec0xVqA==',
      url: 'https://example.com/.well-known/posh/xmpp-client.json',
    },
  ],
};
const seedEntry: PoshCacheEntry = {
  domain: 'im.example.com',
  format: 'seed',
  fetchedAt: '2024-06-01T00:00:00.000Z',
  expiresAt: '2024-06-02T00:00:00.000Z',
  fingerprints: [{ hash: 'sha-1', value: 'UpjRI/A3afKE8/AIeTZ5o1dECTY=', url: 'https://hosting.example.net/.well-known/posh._xmpp-client._tcp.json' }],
};

async function setup() {
  const dir = await tempDir();
  const file = join(dir, 'posh-cache.json');
  const problems: StoreProblem[] = [];
  const locks = createPathLocks();
  const open = () => createPoshCacheFile({ file, now: () => NOW, report: (p) => problems.push(p), locks });
  return { dir, file, problems, open };
}

describe('POSH cache file', () => {
  it('is empty without a file, then round-trips what was saved', async () => {
    const { open, file, problems } = await setup();
    expect(await open().load()).toEqual([]);
    await open().save([entry, seedEntry]);
    expect(await open().load()).toEqual([entry, seedEntry]);
    const envelope = JSON.parse(await readFile(file, 'utf8')) as unknown;
    expect(envelope).toEqual({ schema: POSH_CACHE_FILE_SCHEMA, version: POSH_CACHE_FILE_VERSION, data: [entry, seedEntry] });
    expect(problems).toEqual([]);
  });

  it('save replaces everything', async () => {
    const { open } = await setup();
    await open().save([entry, seedEntry]);
    await open().save([seedEntry]);
    expect(await open().load()).toEqual([seedEntry]);
  });

  it.each([
    ['not-json', 'garbage'],
    ['unknown-version', JSON.stringify({ schema: POSH_CACHE_FILE_SCHEMA, version: 99, data: [] })],
    ['wrong-schema', JSON.stringify({ schema: 'hostproof.pins', version: 1, data: [] })],
    [
      'invalid-data',
      JSON.stringify({ schema: POSH_CACHE_FILE_SCHEMA, version: 1, data: [{ ...entry, fingerprints: [{ ...entry.fingerprints[0], url: 'http://example.com/x' }] }] }),
    ],
    ['invalid-data', JSON.stringify({ schema: POSH_CACHE_FILE_SCHEMA, version: 1, data: [{ ...entry, format: 'other' }] })],
    ['invalid-data', JSON.stringify({ schema: POSH_CACHE_FILE_SCHEMA, version: 1, data: [{ ...entry, fingerprints: [] }] })],
  ] as const)('%s file: moved aside, reported, starts empty', async (kind, content) => {
    const { dir, file, open, problems } = await setup();
    await writeFile(file, content);
    expect(await open().load()).toEqual([]);
    expect(problems).toEqual([
      { file, kind, movedTo: `${file}.corrupt-2024-06-01T00-00-00-000Z`, message: expect.stringContaining('fetched again') },
    ]);
    expect(await readdir(dir)).toEqual(['posh-cache.json.corrupt-2024-06-01T00-00-00-000Z']);
    expect(await readFile(`${file}.corrupt-2024-06-01T00-00-00-000Z`, 'utf8')).toBe(content);
  });

  it('refuses to save entries the loader would reject, leaving the file as it was', async () => {
    const { open, file } = await setup();
    await open().save([entry]);
    const before = await readFile(file, 'utf8');
    await expect(open().save([{ ...entry, expiresAt: 'tomorrow' }])).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('parallel saves from two handles leave one complete list, never a mix', async () => {
    const { open } = await setup();
    const a = open();
    const b = open();
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a.save([entry]) : b.save([seedEntry, entry]))));
    expect([[entry], [seedEntry, entry]]).toContainEqual(await open().load());
  });
});
