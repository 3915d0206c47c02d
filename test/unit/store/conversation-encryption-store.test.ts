/**
 * The per-conversation encryption choice (issue 15): kept per account and conversation, only when it differs
 * from the default; bounded; a damaged file means every conversation is back at 'default' (encrypted when
 * possible), and the person is told.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONVERSATION_ENCRYPTION_SETTINGS } from '../../../app/domain/conversation-encryption.js';
import { createConversationEncryptionStore } from '../../../main/store/conversation-encryption-store.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const A = '6f1f2d5e-4c43-4f5b-9a53-0c2b1f0f7a11';
const B = '0b8e57a4-9d1c-4e93-8f2e-5f7f6a1b2c3d';
const BOB = 'bob@example.net';

async function store() {
  const file = path.join(await tempDir(), 'conversation-encryption.json');
  const problems: StoreProblem[] = [];
  const open = () => createConversationEncryptionStore({ file, now: () => new Date('2026-12-01T08:00:00Z'), report: (p) => problems.push(p), locks: createPathLocks() });
  return { file, problems, open };
}

describe('the conversation encryption choices', () => {
  it("are 'default' until chosen, kept per account and conversation across a restart, and the default is not written", async () => {
    const s = await store();
    expect(await s.open().choice(A, BOB)).toBe('default');
    await s.open().set(A, BOB, 'plaintext');
    expect(await s.open().choice(A, BOB)).toBe('plaintext');
    expect(await s.open().choice(B, BOB)).toBe('default');
    expect(await s.open().choice(A, 'carol@example.net')).toBe('default');
    await s.open().set(A, BOB, 'default');
    expect(await s.open().choice(A, BOB)).toBe('default');
    expect(JSON.parse(await readFile(s.file, 'utf8')).data).toEqual({});
    expect(s.problems).toEqual([]);
  });

  it('are forgotten with the account, and only for it', async () => {
    const s = await store();
    await s.open().set(A, BOB, 'plaintext');
    await s.open().set(B, BOB, 'plaintext');
    await s.open().forget(A);
    expect(await s.open().choice(A, BOB)).toBe('default');
    expect(await s.open().choice(B, BOB)).toBe('plaintext');
  });

  it("a damaged file means every conversation is encrypted again when possible ('default'), and the person is told", async () => {
    const s = await store();
    await writeFile(s.file, `{"schema":"hostproof.conversation-encryption","version":1,"data":{"${A}":{"${BOB}":"maybe"}}}`);
    expect(await s.open().choice(A, BOB)).toBe('default');
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]?.movedTo).not.toBeNull();
    expect(s.problems[0]?.message).toContain('Every conversation is encrypted again');
    // The next start does not find the damaged choice again.
    expect(await s.open().choice(A, BOB)).toBe('default');
  });

  it('are bounded per account: one more conversation is refused and nothing is written', async () => {
    const s = await store();
    const full = Object.fromEntries(Array.from({ length: MAX_CONVERSATION_ENCRYPTION_SETTINGS }, (_, i) => [`c${String(i)}@example.net`, 'plaintext']));
    await writeFile(s.file, JSON.stringify({ schema: 'hostproof.conversation-encryption', version: 1, data: { [A]: full } }));
    const before = await readFile(s.file, 'utf8');
    await expect(s.open().set(A, BOB, 'plaintext')).rejects.toThrow(/At most 1000 conversations/);
    expect(await readFile(s.file, 'utf8')).toBe(before);
    expect(await s.open().choice(A, 'c0@example.net')).toBe('plaintext');
    // Another account is not held to the first one's count.
    await s.open().set(B, BOB, 'plaintext');
    expect(await s.open().choice(B, BOB)).toBe('plaintext');
    expect(s.problems).toEqual([]);
  });
});
