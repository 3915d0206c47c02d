/**
 * A damaged pin file must never turn into trust, seen through the whole app (real Prosody, the app's own
 * services): the app moves it aside, tells the user in plain words, and asks about the server again as if it
 * had never been pinned. damaged-files.test.ts proves the same for every store at the store's level.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCaller } from '../../harness/app-caller.js';
import { startAppWorld, password, type AppWorld } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { createTestApp } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { expectBehaviour } from '../behaviour-table.js';

const available = requireSystemDependency(PROSODY, 'hardening (Prosody)');

describe.runIf(available)('a damaged pin file, through the app', () => {
  let world: AppWorld;
  beforeAll(async () => {
    world = await startAppWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('moves the file aside, tells the user, and asks about the server again', async (context) => {
    const app = await createTestApp({ network: world.network('starttls') });
    try {
      const call = appCaller(app);
      // Half a pin file, as a crash of some other program or a bad disk might leave it.
      await writeFile(path.join(app.dataDir, 'pins.json'), '{"schema":"hostproof.pins","version":1,"data":[{"domain":"noposh.te');

      const view = await call('addAccount', { jid: 'alice@noposh.test', password: password('alice'), rememberPassword: false });
      const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === view.settings.id);
      expect(question.verdict).toMatchObject({ verified: false, undecided: 'delegated-host' });
      expect(question.verdict.pin.status).toBe('none');
      const told = /pin file .*moved to .*pins\.json\.corrupt-/i.test(app.notices.join('\n'));
      const movedAside = (await readdir(app.dataDir)).some((f) => f.startsWith('pins.json.corrupt-'));
      const pinsAfter = (await call('listPins')).length;

      // The app keeps working: pinning now writes a fresh, valid file.
      await call('decideTrust', { requestId: question.requestId, decision: 'pin' });
      await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === view.settings.id && p.state.stage === 'online');
      expect(await call('listPins')).toHaveLength(1);

      expectBehaviour(context, {
        expected: 'moved aside, user told, no pin: asked about the server',
        got: `${movedAside ? 'moved aside' : 'not moved aside'}, ${told ? 'user told' : 'user not told'}, ${
          pinsAfter === 0 && question.verdict.pin.status === 'none' ? 'no pin: asked about the server' : `${pinsAfter} pins trusted`
        }`,
      });
    } finally {
      await app.close();
    }
  });
});
