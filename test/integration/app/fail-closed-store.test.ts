/**
 * A damaged pin file must never turn into trust: the app moves it aside, tells the user in plain words, and
 * asks about the server again as if it had never been pinned.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCaller } from '../../harness/app-caller.js';
import { startAppWorld, password, type AppWorld } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { createTestApp } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('a damaged pin file fails closed', () => {
  let world: AppWorld;
  beforeAll(async () => {
    world = await startAppWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('moves the file aside, tells the user, and asks about the server again', async () => {
    const app = await createTestApp({ network: world.network('starttls') });
    try {
      const call = appCaller(app);
      // Half a pin file, as a crash of some other program or a bad disk might leave it.
      await writeFile(path.join(app.dataDir, 'pins.json'), '{"schema":"hostproof.pins","version":1,"data":[{"domain":"noposh.te');

      const view = await call('addAccount', { jid: 'alice@noposh.test', password: password('alice'), rememberPassword: false });
      const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === view.settings.id);
      expect(question.verdict).toMatchObject({ verified: false, undecided: 'delegated-host' });
      expect(question.verdict.pin.status).toBe('none');
      expect(app.notices.join('\n')).toMatch(/pin file .*moved to .*pins\.json\.corrupt-/i);
      expect((await readdir(app.dataDir)).some((f) => f.startsWith('pins.json.corrupt-'))).toBe(true);
      expect(await call('listPins')).toEqual([]);

      // The app keeps working: pinning now writes a fresh, valid file.
      await call('decideTrust', { requestId: question.requestId, decision: 'pin' });
      await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === view.settings.id && p.state.stage === 'online');
      expect(await call('listPins')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
