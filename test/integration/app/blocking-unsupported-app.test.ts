/**
 * A server without XEP-0191 (Prosody without mod_blocklist): the app learns so at login, says so through
 * listBlocked (the window then offers no blocking), and refuses to block in plain words without asking it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWorld, type AppWorld } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { signIn } from './chat-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('blocking on a server that does not support it', () => {
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld({ withoutModules: ['blocklist'] });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('says the server does not support blocking, and blocking fails in plain words', async () => {
    if (!world) throw new Error('The world starts in beforeAll');
    const alice = await signIn(world, 'alice@posh.test', { resource: 'desk' });
    try {
      const told = await alice.next('blockedChanged', (v) => v.accountId === alice.accountId);
      expect(told).toEqual({ accountId: alice.accountId, supported: false, blocked: [] });
      expect(await alice.call('listBlocked', { accountId: alice.accountId })).toEqual(told);
      await expect(alice.call('block', { accountId: alice.accountId, address: 'bob@posh.test' })).rejects.toThrow(/does not support blocking/);
    } finally {
      await alice.app.close();
    }
  });
});
