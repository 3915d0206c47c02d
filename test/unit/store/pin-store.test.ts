import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createPinStore, PIN_FILE_SCHEMA, PIN_FILE_VERSION } from '../../../main/store/pin-store.js';
import { StoreError } from '../../../main/store/store-error.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { pin, SUMMARY } from './pin-fixture.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date('2024-06-01T12:34:56.789Z');
const STAMP = '2024-06-01T12-34-56-789Z';

async function setup() {
  const dir = await tempDir();
  const file = join(dir, 'pins.json');
  const problems: StoreProblem[] = [];
  const locks = createPathLocks();
  const open = () => createPinStore({ file, now: () => NOW, report: (p) => problems.push(p), locks });
  return { dir, file, problems, locks, open, store: open() };
}

describe('pin store: round trips', () => {
  it('starts empty when there is no file, without creating one or reporting', async () => {
    const { dir, store, problems } = await setup();
    expect(await store.list()).toEqual([]);
    expect(await store.get('example.com', 'xmpp-client')).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a pin put by one store is read back by a fresh store on the same file', async () => {
    const { store, open } = await setup();
    const saved = pin('example.com');
    await store.put(saved);
    expect(await open().get('example.com', 'xmpp-client')).toEqual(saved);
    expect(await open().list()).toEqual([saved]);
  });

  it('writes the versioned envelope', async () => {
    const { store, file } = await setup();
    await store.put(pin('example.com'));
    const envelope = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(envelope).toEqual({ schema: PIN_FILE_SCHEMA, version: PIN_FILE_VERSION, data: [pin('example.com')] });
  });

  it('stores domains as lower-case A-labels and finds them under any spelling', async () => {
    const { store, open } = await setup();
    await store.put(pin('Bücher.Example.'));
    const stored = await open().get('xn--bcher-kva.example', 'xmpp-client');
    expect(stored?.domain).toBe('xn--bcher-kva.example');
    expect(await store.get('BÜCHER.example', 'xmpp-client')).toEqual(stored);
  });

  it('put replaces the pin for the same domain and service', async () => {
    const { store } = await setup();
    await store.put(pin('example.com'));
    const replacement = pin('EXAMPLE.com', { approvedHow: 'replaced', approvedAt: '2024-05-02T00:00:00.000Z' });
    await store.put(replacement);
    expect(await store.list()).toEqual([{ ...replacement, domain: 'example.com' }]);
  });

  it('keeps a pin made from a published fingerprint with no certificate, and the first sighting of its key fills it in', async () => {
    const { store, open } = await setup();
    const published = pin('example.com', { certificate: null, approvedHow: 'published-fingerprint', lastSeenAt: null });
    await store.put(published);
    expect(await open().get('example.com', 'xmpp-client')).toEqual(published);
    expect(await store.touch('example.com', 'xmpp-client', '2024-07-01T00:00:00.000Z', SUMMARY)).toBe(true);
    expect(await open().get('example.com', 'xmpp-client')).toEqual({ ...published, certificate: SUMMARY, lastSeenAt: '2024-07-01T00:00:00.000Z' });
  });

  it('fills in only the certificate that carries the pinned key', async () => {
    const { store } = await setup();
    await store.put(pin('example.com', { spkiSha256: 'A'.repeat(43) + '=', certificate: null, approvedHow: 'published-fingerprint', lastSeenAt: null }));
    await store.touch('example.com', 'xmpp-client', '2024-07-01T00:00:00.000Z', SUMMARY);
    expect((await store.get('example.com', 'xmpp-client'))?.certificate).toBeNull();
  });

  it('keeps the first time the server presented another key, and forgets it once the key matches again', async () => {
    const { store, open } = await setup();
    await store.put(pin('example.com'));
    expect(await store.markMismatch('example.com', 'xmpp-client', '2024-07-01T00:00:00.000Z')).toBe(true);
    await store.markMismatch('example.com', 'xmpp-client', '2024-07-02T00:00:00.000Z');
    expect((await open().get('example.com', 'xmpp-client'))?.mismatchSince).toBe('2024-07-01T00:00:00.000Z');
    await store.touch('example.com', 'xmpp-client', '2024-07-03T00:00:00.000Z', SUMMARY);
    expect((await open().get('example.com', 'xmpp-client'))?.mismatchSince).toBeNull();
    expect(await store.markMismatch('other.example', 'xmpp-client', '2024-07-01T00:00:00.000Z')).toBe(false);
  });

  it('reads a file written before pins kept "does not match since" as matching', async () => {
    const { file, open } = await setup();
    const { mismatchSince: _dropped, ...older } = pin('example.com');
    await writeFile(file, JSON.stringify({ schema: PIN_FILE_SCHEMA, version: PIN_FILE_VERSION, data: [older] }));
    expect(await open().get('example.com', 'xmpp-client')).toEqual(pin('example.com'));
  });

  it('lists pins ordered by domain', async () => {
    const { store } = await setup();
    for (const domain of ['c.example', 'a.example', 'b.example']) await store.put(pin(domain));
    expect((await store.list()).map((p) => p.domain)).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('touch records when the key was last seen, and only for an existing pin', async () => {
    const { store, open, file } = await setup();
    await store.put(pin('example.com'));
    expect(await store.touch('Example.com', 'xmpp-client', '2024-07-01T00:00:00.000Z', SUMMARY)).toBe(true);
    expect((await open().get('example.com', 'xmpp-client'))?.lastSeenAt).toBe('2024-07-01T00:00:00.000Z');
    const before = await readFile(file, 'utf8');
    expect(await store.touch('other.example', 'xmpp-client', '2024-07-02T00:00:00.000Z', SUMMARY)).toBe(false);
    expect(await store.list()).toHaveLength(1);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('remove deletes one pin and says whether there was one', async () => {
    const { store, open } = await setup();
    await store.put(pin('a.example'));
    await store.put(pin('b.example'));
    expect(await store.remove('A.example', 'xmpp-client')).toBe(true);
    expect(await store.remove('a.example', 'xmpp-client')).toBe(false);
    expect((await open().list()).map((p) => p.domain)).toEqual(['b.example']);
  });

  it('refuses invalid input before touching the file', async () => {
    const { store, file } = await setup();
    await store.put(pin('example.com'));
    const before = await readFile(file, 'utf8');
    await expect(store.put(pin('a/b'))).rejects.toBeInstanceOf(StoreError);
    await expect(store.put(pin('example.org', { spkiSha256: 'not base64' }))).rejects.toMatchObject({ kind: 'invalid-input' });
    // A pinned key that is not the key of the certificate it claims to come from.
    await expect(store.put(pin('example.org', { spkiSha256: 'E3FnLFpq0CLriJZMWNHZO7+CZInsF0JdsAuuRhfP3nA=' }))).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(store.get('', 'xmpp-client')).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('pin store: damaged files fail closed', () => {
  const envelope = (data: unknown, overrides: Record<string, unknown> = {}): string =>
    JSON.stringify({ schema: PIN_FILE_SCHEMA, version: PIN_FILE_VERSION, data, ...overrides });

  it.each([
    ['not-json', '{"schema": "hostproof.pins", "version": 1, "data": [', /not valid JSON/],
    ['not-json', '', /not valid JSON/],
    ['wrong-schema', JSON.stringify({ schema: 'something.else', version: 1, data: [] }), /not a pin file/],
    ['wrong-schema', JSON.stringify([1, 2, 3]), /not a pin file/],
    ['unknown-version', envelope([], { version: 2 }), /format version 2/],
    ['unknown-version', envelope([], { version: '1' }), /format version missing/],
    ['invalid-data', envelope([{ ...pin('example.com'), spkiSha256: 'AAAA' }]), /not valid/],
    ['invalid-data', envelope([{ ...pin('example.com'), domain: 'Example.COM' }]), /not valid/],
    ['invalid-data', envelope([pin('example.com'), pin('example.com')]), /same domain/],
    ['invalid-data', envelope({ pins: [] }), /not valid/],
  ] as const)('%s: %j is moved aside, reported, and the store starts empty', async (kind, content, message) => {
    const { dir, file, store, problems } = await setup();
    await writeFile(file, content);

    expect(await store.get('example.com', 'xmpp-client')).toBeNull();
    expect(await store.list()).toEqual([]);

    const movedTo = `${file}.corrupt-${STAMP}`;
    expect(problems).toEqual([{ file, kind, movedTo, message: expect.stringMatching(message) }]);
    expect(problems[0]?.message).toContain('ask for your approval again');
    // Never deleted: the damaged bytes are kept, byte for byte.
    expect(await readFile(movedTo, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual([`pins.json.corrupt-${STAMP}`]);
  });

  it('after moving a damaged file aside the store works again, and an earlier damaged copy is never overwritten', async () => {
    const { dir, file, store, problems } = await setup();
    await writeFile(file, 'first damage');
    expect(await store.list()).toEqual([]);
    await store.put(pin('example.com'));
    expect(await store.list()).toHaveLength(1);

    await writeFile(file, 'second damage');
    expect(await store.list()).toEqual([]);
    expect(problems.map((p) => p.movedTo)).toEqual([`${file}.corrupt-${STAMP}`, `${file}.corrupt-${STAMP}-1`]);
    expect(await readFile(`${file}.corrupt-${STAMP}`, 'utf8')).toBe('first damage');
    expect(await readFile(`${file}.corrupt-${STAMP}-1`, 'utf8')).toBe('second damage');
    expect((await readdir(dir)).sort()).toEqual([`pins.json.corrupt-${STAMP}`, `pins.json.corrupt-${STAMP}-1`]);
  });

  it('a file that cannot be read as a file (a directory) is moved aside too', async () => {
    const { file, store, problems } = await setup();
    await mkdir(file);
    expect(await store.list()).toEqual([]);
    expect(problems).toMatchObject([{ kind: 'unreadable', movedTo: `${file}.corrupt-${STAMP}` }]);
    await store.put(pin('example.com'));
    expect(await store.list()).toHaveLength(1);
  });

  it('a write over a damaged file moves it aside first, never overwrites it', async () => {
    const { file, store, problems } = await setup();
    await writeFile(file, 'damaged');
    await store.put(pin('example.com'));
    expect(problems).toHaveLength(1);
    expect(await readFile(`${file}.corrupt-${STAMP}`, 'utf8')).toBe('damaged');
    expect(await store.list()).toEqual([pin('example.com')]);
  });
});

describe('pin store: concurrent updates lose nothing', () => {
  const domains = Array.from({ length: 40 }, (_, i) => `d${i}.example`);

  it('many parallel puts on one store all land', async () => {
    const { store, open } = await setup();
    await Promise.all(domains.map((domain) => store.put(pin(domain))));
    expect((await open().list()).map((p) => p.domain).sort()).toEqual([...domains].sort());
  });

  it('two stores on the same file (two accounts) updating in parallel lose nothing', async () => {
    const { open } = await setup();
    const first = open();
    const second = open();
    await Promise.all(domains.map((domain, i) => (i % 2 === 0 ? first : second).put(pin(domain))));
    // Interleave removals and touches with more puts.
    await Promise.all([
      ...domains.slice(0, 10).map((domain) => second.remove(domain, 'xmpp-client')),
      ...domains.slice(10, 20).map((domain) => first.touch(domain, 'xmpp-client', '2024-08-01T00:00:00.000Z', SUMMARY)),
      first.put(pin('late.example')),
    ]);
    const all = await open().list();
    expect(all.map((p) => p.domain).sort()).toEqual([...domains.slice(10), 'late.example'].sort());
    expect(all.filter((p) => p.lastSeenAt === '2024-08-01T00:00:00.000Z').map((p) => p.domain).sort()).toEqual(
      domains.slice(10, 20).sort(),
    );
  });
});
