/**
 * After a compromised window has tried everything, nothing it could not do alone has happened (issue 9,
 * "all refused, no state changed"). A real app with two accounts online (one pinned, one proven by POSH), so
 * every store holds something: accounts, passwords, login memory, pins, the POSH cache, the trust log. Then the
 * window's IPC (registerIpc in front of the app's real dispatcher and handlers) gets every channel from every
 * foreign frame, and, from our own page, every trust change and dangerous link, with the person answering no
 * in the main process's dialog. Afterwards every file is byte-identical and the app shows the same state.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requestChannel, type RequestName } from '../../../app/ipc/channels.js';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { registerIpc } from '../../../main/electron/ipc-register.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { useWorldApps, type OpenedApp } from '../../harness/world-apps.js';
import { expectBehaviour } from '../behaviour-table.js';
import { archiveSyncPoints } from '../../harness/message-db-peek.js';
import { waitUntil } from '../../harness/wait-until.js';
import { changedFiles, describeChanges, snapshotDir } from './data-dir-snapshot.js';
import { FOREIGN_FRAMES } from './foreign-frames.js';
import { validRequests } from './valid-requests.js';

const available = requireSystemDependency(PROSODY, 'hardening (Prosody)');
type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;
type Answer = { ok: boolean; error?: { code: string } };

/** The app's real dispatcher behind the window's IPC registration, as main.ts wires it. */
function windowIpc(opened: OpenedApp) {
  const channels = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, h: Handler) => channels.set(channel, h), removeHandler: () => undefined } as unknown as IpcMain;
  registerIpc(ipcMain, createDispatch(opened.app.handlers, { logError: () => undefined }), APP_PAGE_URL);
  return async (name: RequestName, frame: unknown, payload: unknown) =>
    (await channels.get(requestChannel(name))!({ senderFrame: frame } as IpcMainInvokeEvent, payload)) as Answer;
}

/** Everything the app keeps: the data directory's bytes, and what the window would be shown. */
async function appState(opened: OpenedApp, accountIds: readonly string[]) {
  const shown = {
    accounts: await opened.call('listAccounts'),
    pins: await opened.call('listPins'),
    posh: await opened.call('listPoshCache'),
    trustLogs: await Promise.all(accountIds.map((accountId) => opened.call('getTrustLog', { accountId }))),
  };
  return { files: await snapshotDir(opened.app.dataDir), shown: JSON.stringify(shown) };
}

describe.runIf(available)('a compromised window: after every refused attempt, no state changed', () => {
  const rig = useWorldApps();

  /** An app whose stores all hold something: alice@noposh.test pinned, alice@posh.test proven by POSH, both online. */
  async function populatedApp() {
    let confirm = true;
    const opened = await rig.open('starttls', undefined, { confirm: () => confirm });
    const pinned = await opened.addAccount('alice@noposh.test');
    const question = await waitForEvent(opened.app.events, 'trustDecisionNeeded', (q) => q.accountId === pinned.settings.id);
    await opened.call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    await opened.stateOf(pinned.settings.id, 'online');
    const posh = await opened.addAccount('alice@posh.test');
    await opened.stateOf(posh.settings.id, 'online');
    // From here on, the person answers no to anything the main process asks.
    confirm = false;
    const accountIds = [pinned.settings.id, posh.settings.id];
    // The archive catch-up after each login writes in the background; the files are compared once it is done.
    await waitUntil(() => accountIds.every((id) => archiveSyncPoints(opened.app.dataDir).has(id)), 'both accounts caught up with the archive', 10_000);
    const files = await snapshotDir(opened.app.dataDir);
    expect([...files.keys()].filter((f) => !f.startsWith('trust-log')).sort()).toEqual([
      'accounts.json',
      'logins.json',
      'messages.sqlite',
      'messages.sqlite-shm',
      'messages.sqlite-wal',
      'omemo-keys.sqlite', // issue 15: opened at start, with its WAL
      'omemo-keys.sqlite-shm',
      'omemo-keys.sqlite-wal',
      'passwords.json',
      'pins.json',
      'posh-cache.json',
    ]);
    return { opened, accountIds, asked: opened.app.confirmations.length };
  }

  it('every channel from every foreign frame, aimed at the real accounts and pin: all refused, every file byte-identical', async (context) => {
    const { opened, accountIds, asked } = await populatedApp();
    const before = await appState(opened, accountIds);
    const send = windowIpc(opened);
    const requests = validRequests(accountIds[0]!, 'noposh.test');
    const refusals = new Map<string, number>();
    for (const [, frame] of FOREIGN_FRAMES) {
      for (const name of REQUEST_NAMES) {
        const answer = await send(name, frame, requests[name]);
        const code = answer.ok ? 'answered' : (answer.error?.code ?? 'no code');
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
      }
    }
    const after = await appState(opened, accountIds);
    const total = FOREIGN_FRAMES.length * REQUEST_NAMES.length;
    expectBehaviour(context, {
      expected: `${total} forbidden-sender; no file changed, app state same, 0 asked`,
      got: `${[...refusals].map(([code, n]) => `${n} ${code}`).join(', ')}; ${describeChanges(changedFiles(before.files, after.files))}, app state ${after.shown === before.shown ? 'same' : 'changed'}, ${opened.app.confirmations.length - asked} asked`,
    });
    expect(opened.app.openedExternally).toEqual([]);
  });

  it('our own page asking for every trust change and dangerous link, the person saying no: all refused, every file byte-identical', async (context) => {
    const { opened, accountIds, asked } = await populatedApp();
    const before = await appState(opened, accountIds);
    const send = windowIpc(opened);
    const page = { url: APP_PAGE_URL, parent: null };
    const attempts: Array<[RequestName, unknown]> = [
      ['removePin', { domain: 'noposh.test', service: 'xmpp-client' }],
      ...accountIds.map((accountId): [RequestName, unknown] => ['updateAccount', { accountId, server: { host: 'attacker.test', port: 5222, directTls: false } }]),
      // Questions nobody was asked: guessed ids are unknown, whatever the answer.
      ...(['pin', 'replace-pin', 'connect-once'] as const).map((decision): [RequestName, unknown] => ['decideTrust', { requestId: 'guessed-question', decision }]),
      ...['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'vbscript:msgbox(1)', 'http://user:pw@evil.example/'].map((url): [RequestName, unknown] => ['openExternal', { url }]),
    ];
    let refused = 0;
    for (const [name, payload] of attempts) {
      const answer = await send(name, page, payload);
      if (!answer.ok && answer.error?.code === 'failed') refused++;
    }
    const after = await appState(opened, accountIds);
    expectBehaviour(context, {
      expected: `${attempts.length} of ${attempts.length} refused; no file changed, app state same, 0 links opened`,
      got: `${refused} of ${attempts.length} refused; ${describeChanges(changedFiles(before.files, after.files))}, app state ${after.shown === before.shown ? 'same' : 'changed'}, ${opened.app.openedExternally.length} links opened`,
    });
    // The person was asked (and said no) exactly for the three steps that change trust.
    expect(opened.app.confirmations.slice(asked).map((c) => c.kind)).toEqual(['remove-pin', 'change-server', 'change-server']);
  });
});
