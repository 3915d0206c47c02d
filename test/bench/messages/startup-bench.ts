/**
 * Start-up (issues 12 and 16) with five accounts, 500 pins, a trust log of 10,000 entries and the message
 * database: from building the main process's services (`createAppServices`, which
 * opens every store, the message database among them) through `autoConnect` (each account's chat is made,
 * which re-enqueues the messages still queued from the last run) to the first account's connect being issued
 * (its first DNS query). Then the window's first request, each account's conversation list. Baseline: the same
 * start with the same accounts and an empty history. Both in this process, alternating, after one warm-up of
 * each (modules loaded: a packaged app's start also loads its bundle, not counted here).
 */
import { appendFile, copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountId } from '../../../app/domain/account.js';
import { trustLogEntryFrom } from '../../../app/domain/trust-log-entry.js';
import type { DnsQueries } from '../../../main/net/name-lookup.js';
import { createAppServices } from '../../../main/services/create-app-services.js';
import { openAppStores } from '../../../main/store/app-stores.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import type { SecretCipher } from '../../../main/store/password-vault.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import { pin, SUMMARY } from '../../unit/store/pin-fixture.js';
import { input, PKIX_CHAIN_ONLY, posh } from '../../unit/trust/verdict-fixtures.js';
import type { BenchScale } from '../bench-scale.js';
import { summarize, timed } from './stats.js';
import type { Row } from './table.js';

/** The first three hold the history's conversations (world.ts); the other two start with none. */
/** Where app-stores.ts keeps the pins. */
const PINS_FILE = 'pins.json';

const JIDS = ['alice@example.org', 'alice@work.example', 'al@chat.example.net', 'a@home.example', 'alice@club.example'];

/** What the trust stores hold at start-up (issue 16): pins of other domains, and a long trust log. */
export function trustStateSize(scale: BenchScale): { pins: number; logEntries: number } {
  return scale.quick ? { pins: 5, logEntries: 100 } : { pins: 500, logEntries: 10_000 };
}

/**
 * Pins of other domains, put through the pin store in the first data directory (each put writes the file
 * anew, which takes a while at 500) and the file copied to the others.
 */
export async function preparePins(dataDirs: readonly string[], cipher: SecretCipher, scale: BenchScale): Promise<void> {
  const [first, ...others] = dataDirs;
  if (first === undefined) return;
  const stores = openAppStores({ dataDir: first, cipher, now: () => new Date(), report: (p) => console.log(`  (setup) ${p.message}`) });
  try {
    for (let i = 0; i < trustStateSize(scale).pins; i += 1) await stores.pins.put(pin(`hosted${i}.example`));
  } finally {
    stores.messages.close();
  }
  for (const dir of others) await copyFile(path.join(first, PINS_FILE), path.join(dir, PINS_FILE));
}

/**
 * Accounts set up through the app's own stores, passwords remembered, so start-up connects them; the trust log's entries shared among the accounts, the first of each through the log
 * itself and the rest as copies of that line (the file as that many appends leave it, without an fsync each).
 */
export async function prepareAccounts(dataDir: string, cipher: SecretCipher, scale: BenchScale): Promise<AccountId[]> {
  const stores = openAppStores({ dataDir, cipher, now: () => new Date(), report: (p) => console.log(`  (setup) ${p.message}`) });
  try {
    const ids: AccountId[] = [];
    for (const jid of JIDS) {
      const settings = await stores.accounts.add({ jid, resource: 'bench', server: null, autoConnect: true, enabled: true, rememberPassword: true });
      await stores.vault.set(settings.id, 'correct horse battery staple');
      ids.push(settings.id);
    }
    const size = trustStateSize(scale);
    const verdict = decideTrust(input({ certificate: SUMMARY, chain: [SUMMARY], pkix: PKIX_CHAIN_ONLY, posh: posh('absent', SUMMARY) }));
    for (const id of ids) {
      await stores.trustLog.append(trustLogEntryFrom(verdict, { at: new Date().toISOString(), account: id, decision: 'pin' }));
      const file = stores.trustLog.fileFor(id);
      const line = await readFile(file, 'utf8');
      await appendFile(file, line.repeat(Math.ceil(size.logEntries / ids.length) - 1));
    }
    return ids;
  } finally {
    stores.messages.close();
  }
}

interface Start {
  readonly toConnect: number;
  readonly lists: number;
}

async function startOnce(dataDir: string, cipher: SecretCipher, accounts: readonly AccountId[]): Promise<Start> {
  let issued: (at: number) => void = () => undefined;
  const connecting = new Promise<number>((resolve) => (issued = resolve));
  // The connect is issued when its first DNS query goes out; the answer never comes (nothing is dialled).
  const query = () => {
    issued(performance.now());
    return new Promise<never>(() => undefined);
  };
  const dns: DnsQueries = { resolveSrv: query, resolve4: query, resolve6: query };
  const started = performance.now();
  const services = createAppServices({
    dataDir,
    cipher,
    emit: () => undefined,
    network: { ca: [], lookup: async () => [], dns },
    openSession: () => Promise.reject(new Error('the benchmark never connects')),
    notice: (text) => console.log(`  (notice) ${text}`),
    confirm: async () => false,
    pickCaFile: async () => null,
    reconnectDelay: () => 3_600_000,
  });
  void services.accounts.autoConnect();
  const toConnect = (await connecting) - started;
  const lists = timed(() => {
    for (const account of accounts) services.accounts.history(account).conversations();
  });
  await services.shutdown();
  return { toConnect, lists };
}

export async function measureStartup(
  full: { dataDir: string; file: string; accounts: readonly AccountId[] },
  empty: { dataDir: string; accounts: readonly AccountId[] },
  cipher: SecretCipher,
  rounds: number,
): Promise<Row[]> {
  await startOnce(full.dataDir, cipher, full.accounts);
  await startOnce(empty.dataDir, cipher, empty.accounts);
  const withHistory: Start[] = [];
  const without: Start[] = [];
  const opens: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    withHistory.push(await startOnce(full.dataDir, cipher, full.accounts));
    without.push(await startOnce(empty.dataDir, cipher, empty.accounts));
    opens.push(timed(() => openMessageDb({ file: full.file, now: () => new Date(), report: () => undefined }).close()));
  }
  return [
    {
      label: 'Start → first account connecting',
      unit: 'ms',
      measured: summarize(withHistory.map((s) => s.toConnect)),
      target: { value: 150, statistic: 'median', bound: 'at-most' },
      baseline: { name: 'empty history', measured: summarize(without.map((s) => s.toConnect)) },
    },
    {
      label: `  then the conversation lists (${full.accounts.length} accounts)`,
      unit: 'ms',
      measured: summarize(withHistory.map((s) => s.lists)),
      baseline: { name: 'empty history', measured: summarize(without.map((s) => s.lists)) },
    },
    { label: '  (the message database alone: open, close)', unit: 'ms', measured: summarize(opens) },
  ];
}
