/**
 * The trust log: an append-only record, one file per account, of every verification and every decision the
 * user made about a server's certificate. JSON Lines, one entry per line, appended with O_APPEND and fsynced,
 * so a crash can at worst leave the last line torn. Reading skips (and reports) a torn or damaged line and
 * keeps every other one; nothing is ever rewritten, and a log is deleted only with its account (`forget`).
 */
import { TRUST_LOG_LINE_VERSION, type TrustLogEntry } from '../../app/domain/trust-records.js';
import type { TrustDecision } from '../../app/domain/account.js';
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDirectory } from './atomic-file.js';
import type { PathLocks } from './path-locks.js';
import type { PerAccountStore } from './per-account-store.js';
import { isoTime, sha256Base64 } from './schemas.js';
import { StoreError } from './store-error.js';

export const TRUST_LOG_EXPORT_FORMAT = 'hostproof.trust-log';
export { TRUST_LOG_LINE_VERSION };
export type { TrustDecision, TrustLogEntry };

const base = {
  v: z.literal(TRUST_LOG_LINE_VERSION),
  at: isoTime,
  account: z.string().min(1).max(1024),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  certificateSha256: sha256Base64,
  spkiSha256: sha256Base64,
};
const verified = { verified: z.literal(true), method: z.enum(['pkix', 'posh', 'pin', 'accepted-once']), undecided: z.null() };
const unverified = {
  verified: z.literal(false),
  method: z.null(),
  undecided: z.enum(['delegated-host', 'untrusted-certificate', 'key-changed', 'posh-mismatch']),
};
const decision = { kind: z.literal('decision'), decision: z.enum(['cancel', 'connect-once', 'pin', 'replace-pin']) };
const verification = { kind: z.literal('verification') };

const entrySchema = z.union([
  z.strictObject({ ...base, ...verified, ...verification }),
  z.strictObject({ ...base, ...unverified, ...verification }),
  z.strictObject({ ...base, ...verified, ...decision }),
  z.strictObject({ ...base, ...unverified, ...decision }),
]) satisfies z.ZodType<TrustLogEntry>;

export interface TrustLogProblem {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly kind: 'torn-last-line' | 'invalid-line';
  readonly message: string;
}

export interface TrustLogOptions {
  /** The directory holding one log file per account. */
  readonly dir: string;
  readonly report: (problem: TrustLogProblem) => void;
  /** Shared by every store of the process (see path-locks.ts). */
  readonly locks: PathLocks;
}

export interface TrustLog extends PerAccountStore {
  append(entry: TrustLogEntry): Promise<void>;
  /** Every readable entry of the account, oldest first. */
  read(account: string): Promise<readonly TrustLogEntry[]>;
  /** The account's entries as one pretty-printed JSON document, for the user to save or share. */
  exportJson(account: string): Promise<string>;
  /** Where the account's log lives. */
  fileFor(account: string): string;
}

export function createTrustLog(options: TrustLogOptions): TrustLog {
  const { dir, locks, report } = options;
  const fileFor = (account: string): string => join(dir, logFileName(account));

  async function read(account: string): Promise<readonly TrustLogEntry[]> {
    const file = fileFor(account);
    return locks.withLock(file, async () => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const lines = text.split('\n');
      const entries: TrustLogEntry[] = [];
      lines.forEach((line, index) => {
        if (line.length === 0) return;
        const entry = parseLine(line);
        if (entry !== null && entry.account === account) {
          // A last line that lacks only its "\n" is still whole: a proper prefix of a JSON object never parses.
          entries.push(entry);
          return;
        }
        // Every finished append ends with "\n", so a bad piece after the last one is an interrupted append.
        const torn = index === lines.length - 1;
        report({
          file,
          line: index + 1,
          kind: torn ? 'torn-last-line' : 'invalid-line',
          message: torn
            ? `The last line of the trust log ${file} is incomplete (the app probably stopped while writing it); it was skipped and the earlier entries were kept.`
            : `Line ${index + 1} of the trust log ${file} is damaged or does not belong to this account; it was skipped.`,
        });
      });
      return entries;
    });
  }

  return {
    fileFor,
    read,

    async append(entry) {
      const parsed = entrySchema.safeParse(entry);
      if (!parsed.success) {
        throw new StoreError('invalid-input', `Refused to log an invalid trust entry: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      }
      const file = fileFor(entry.account);
      await locks.withLock(file, async () => {
        await mkdir(dir, { recursive: true });
        const size = await stat(file).then(
          (s) => s.size,
          () => null,
        );
        const handle = await open(file, 'a+', 0o600);
        try {
          // After a torn append the file does not end in "\n": start on a fresh line, or this entry would be
          // glued to the fragment and lost with it.
          let prefix = '';
          if (size !== null && size > 0) {
            const last = Buffer.alloc(1);
            await handle.read(last, 0, 1, size - 1);
            if (last[0] !== 0x0a) prefix = '\n';
          }
          await handle.write(`${prefix}${JSON.stringify(parsed.data)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        if (size === null) await syncDirectory(dir);
      });
    },

    async forget(account) {
      const file = fileFor(account);
      await locks.withLock(file, async () => {
        try {
          await unlink(file);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        await syncDirectory(dir);
      });
    },

    async exportJson(account) {
      const entries = await read(account);
      return `${JSON.stringify({ format: TRUST_LOG_EXPORT_FORMAT, version: TRUST_LOG_LINE_VERSION, account, entries }, null, 2)}\n`;
    },
  };
}

function parseLine(line: string): TrustLogEntry | null {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A readable, file-system-safe name that still cannot collide: the account folded to a short slug, plus a
 * hash of the exact account (case-insensitive file systems would otherwise merge "A@x" and "a@x").
 */
export function logFileName(account: string): string {
  const slug = account.toLowerCase().replace(/[^a-z0-9.@_-]+/g, '_').slice(0, 64);
  const hash = createHash('sha256').update(account, 'utf8').digest('hex').slice(0, 16);
  return `trust-log-${slug}-${hash}.jsonl`;
}
