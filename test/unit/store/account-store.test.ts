/** The account list on disk: addresses are read in the one canonical form, whatever form an older file holds. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAccountStore } from '../../../main/store/account-store.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

const saved = (jid: string) => ({
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  jid,
  resource: 'desk',
  server: null,
  autoConnect: true,
  enabled: true,
  rememberPassword: false,
});

async function storeWith(jid: string) {
  const file = join(await tempDir(), 'accounts.json');
  await writeFile(file, JSON.stringify({ schema: 'hostproof.accounts', version: 1, data: [saved(jid)] }));
  const problems: StoreProblem[] = [];
  const store = createAccountStore({ file, now: () => new Date(), report: (p) => problems.push(p), locks: createPathLocks() });
  return { store, file, problems };
}

describe('account store', () => {
  it('reads an address saved with A-labels (before the one address model) in U-labels, and writes it back so', async () => {
    const { store, file, problems } = await storeWith('Alice@xn--bcher-kva.test');
    expect((await store.list()).map((a) => a.jid)).toEqual(['alice@bücher.test']);
    await store.update(saved('').id, { autoConnect: false });
    const written = JSON.parse(await readFile(file, 'utf8')) as { data: Array<{ jid: string }> };
    expect(written.data.map((a) => a.jid)).toEqual(['alice@bücher.test']);
    expect(problems).toEqual([]);
  });

  it('keeps an address that no longer parses (the account stays listed; connecting says why)', async () => {
    const { store, problems } = await storeWith('u@1.2.0.3');
    expect((await store.list()).map((a) => a.jid)).toEqual(['u@1.2.0.3']);
    expect(problems).toEqual([]);
  });
});
