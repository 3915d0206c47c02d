/**
 * The trust log: an append-only record, one file per account, of every verification and every decision the
 * user made about a server's certificate. JSON Lines, one entry per line, appended with O_APPEND and fsynced,
 * so a crash can at worst leave the last line torn. Reading skips (and reports) a torn or damaged line and
 * keeps every other one; no entry is ever rewritten (the next append removes only what an unfinished append
 * left, trust-log-tail.ts), and a log is deleted only with its account (`forget`).
 */
import { TRUST_LOG_LIMITS, TRUST_LOG_LINE_VERSION, type TrustLogEntry, type TrustLogEntryV2 } from '../../app/domain/trust-records.js';
import type { TrustDecision } from '../../app/domain/account.js';
import { CHANNEL_BINDING_TYPES, SASL_MECHANISMS, type ChannelBindingType, type MechanismName } from '../../app/domain/sasl-mechanism.js';
import type { DelegationStep, TrustMethod, TrustWarning, UndecidedReason } from '../../app/domain/trust.js';
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDirectory } from './atomic-file.js';
import { readLogTail } from './trust-log-tail.js';
import type { PathLocks } from './path-locks.js';
import type { PerAccountStore } from './per-account-store.js';
import { isoTime, sha256Base64 } from './schemas.js';
import { StoreError } from './store-error.js';

export const TRUST_LOG_EXPORT_FORMAT = 'hostproof.trust-log';
export { TRUST_LOG_LINE_VERSION };
export type { TrustDecision, TrustLogEntry };

/**
 * Every value of a type, checked both ways at compile time: a value added to the type (a new warning, say) fails
 * the build here instead of making every line that carries it fail to log.
 */
function allOf<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : 'a value is missing')) => values;
}
const WARNINGS = allOf<TrustWarning>()([
  'weak-hash-sha1',
  'key-changed',
  'delegated-host',
  'posh-mismatch',
  'expired-certificate',
  'not-yet-valid-certificate',
  'self-signed',
  'untrusted-issuer',
]);
const STEP_KINDS = allOf<DelegationStep['kind']>()(['domain', 'srv', 'certificate', 'posh', 'fingerprint', 'pin']);
const METHODS = allOf<TrustMethod>()(['pkix', 'posh', 'pin', 'accepted-once']);
const UNDECIDED = allOf<UndecidedReason>()(['delegated-host', 'untrusted-certificate', 'key-changed', 'posh-mismatch']);
const DECISIONS = allOf<TrustDecision>()(['cancel', 'connect-once', 'pin', 'replace-pin', 'check-again', 'log-in-unbound']);
const MECHANISMS = allOf<MechanismName>()([...SASL_MECHANISMS]);
const BINDINGS = allOf<ChannelBindingType>()([...CHANNEL_BINDING_TYPES]);

const common = {
  at: isoTime,
  account: z.string().min(1).max(1024),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  certificateSha256: sha256Base64,
  spkiSha256: sha256Base64,
};
const verified = { verified: z.literal(true), method: z.enum(METHODS), undecided: z.null() };
const unverified = { verified: z.literal(false), method: z.null(), undecided: z.enum(UNDECIDED) };
const decision = { kind: z.literal('decision'), decision: z.enum(DECISIONS) };
const verification = { kind: z.literal('verification') };
/** A login happens only on a connection that was verified or accepted by the user, so it has a method. */
const login = { kind: z.literal('login'), login: z.strictObject({ mechanism: z.enum(MECHANISMS), channelBinding: z.enum(BINDINGS).nullable() }) };
const why = {
  domain: z.string().min(1).max(253),
  summary: z.string().max(TRUST_LOG_LIMITS.summary),
  warnings: z.array(z.enum(WARNINGS)).max(WARNINGS.length),
  delegation: z
    .array(z.strictObject({ kind: z.enum(STEP_KINDS), label: z.string().max(TRUST_LOG_LIMITS.label), authenticated: z.boolean() }))
    .max(TRUST_LOG_LIMITS.steps),
};

/** One schema per version and outcome/kind pair: strict, so a line of one version never passes as another. */
function lineSchemas<V extends z.ZodLiteral<number>, E extends z.ZodRawShape>(v: V, extra: E) {
  const shape = { v, ...common, ...extra };
  return [
    z.strictObject({ ...shape, ...verified, ...verification }),
    z.strictObject({ ...shape, ...unverified, ...verification }),
    z.strictObject({ ...shape, ...verified, ...decision }),
    z.strictObject({ ...shape, ...unverified, ...decision }),
  ] as const;
}

/** What append accepts: the current version only. */
const currentLineSchema = z.union([
  ...lineSchemas(z.literal(TRUST_LOG_LINE_VERSION), why),
  z.strictObject({ v: z.literal(TRUST_LOG_LINE_VERSION), ...common, ...why, ...verified, ...login }),
]) satisfies z.ZodType<TrustLogEntryV2>;

/** What read accepts: every version ever written (version 1 lines predate the why). */
const anyLineSchema = z.union([...lineSchemas(z.literal(1), {}), ...currentLineSchema.options]) satisfies z.ZodType<TrustLogEntry>;

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
  /** Appends a line of the current version (build it with trustLogEntryFrom). */
  append(entry: TrustLogEntryV2): Promise<void>;
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
      const parsed = currentLineSchema.safeParse(entry);
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
          // What an append killed inside its write left behind is removed; a last line that lacks only its
          // "\n" is kept, and this entry starts on a fresh line instead of being glued to it.
          const tail = await readLogTail(handle, size ?? 0, (line) => parseLine(line) !== null);
          if (tail.kind === 'unfinished') await handle.truncate(tail.start);
          const prefix = tail.kind === 'needs-newline' ? '\n' : '';
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
    const parsed = anyLineSchema.safeParse(JSON.parse(line));
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
