/**
 * Turning a conversation's encryption off (issue 15) is carried out only after main's own confirmation: refused,
 * nothing is written; turning it back on is not asked. A real store on a real file.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrustChange } from '../../../../app/domain/trust-change.js';
import { createConversationEncryptionService } from '../../../../main/services/omemo/conversation-encryption-service.js';
import { createConversationEncryptionStore } from '../../../../main/store/conversation-encryption-store.js';
import { createPathLocks } from '../../../../main/store/path-locks.js';
import { useTempDirs } from '../../store/temp-dir.js';

const tempDir = useTempDirs();
const A = '6f1f2d5e-4c43-4f5b-9a53-0c2b1f0f7a11';
const BOB = 'bob@example.net';

async function world(answer: boolean) {
  const store = createConversationEncryptionStore({
    file: path.join(await tempDir(), 'conversation-encryption.json'),
    now: () => new Date('2026-12-01T08:00:00Z'),
    report: () => undefined,
    locks: createPathLocks(),
  });
  const asked: TrustChange[] = [];
  const service = createConversationEncryptionService({
    store,
    confirm: async (change) => {
      asked.push(change);
      return answer;
    },
    jidOf: async () => 'alice@example.org',
  });
  return { store, asked, service };
}

describe('the conversation encryption choice', () => {
  it('refuses to turn encryption off without the confirmation, and writes nothing', async () => {
    const w = await world(false);
    await expect(w.service.set(A, BOB, 'plaintext')).rejects.toThrow(/not confirmed|cancel/i);
    expect(w.asked).toEqual([{ kind: 'send-unencrypted', account: 'alice@example.org', jid: BOB }]);
    expect(await w.store.choice(A, BOB)).toBe('default');
    expect(await w.service.get(A, BOB)).toBe('default');
  });

  it('turns encryption off once confirmed, and back on without asking', async () => {
    const w = await world(true);
    expect(await w.service.set(A, BOB, 'plaintext')).toBe('plaintext');
    expect(await w.service.get(A, BOB)).toBe('plaintext');
    // Already off: nothing to confirm again.
    await w.service.set(A, BOB, 'plaintext');
    expect(w.asked).toHaveLength(1);
    expect(await w.service.set(A, BOB, 'default')).toBe('default');
    expect(w.asked).toHaveLength(1);
    expect(await w.store.choice(A, BOB)).toBe('default');
  });
});
