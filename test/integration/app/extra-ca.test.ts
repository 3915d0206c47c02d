/**
 * A certificate authority the user adds counts for XMPP and POSH alike, from the next connection on, and only
 * after the person confirmed it in the main process's own dialog (issue 9 item 6, posh.md §3). The app here
 * starts with Node's bundled roots only, so the world's test CA is unknown to it: valid.test's certificate is
 * not PKIX-verified and posh.test's POSH document cannot be fetched. The window asks "add a CA" through the
 * IPC dispatcher; the main process's open-file dialog (a test stand-in choosing the CA's file) and its
 * confirmation decide. Real services, stores, Prosody, DNS and HTTPS.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { useWorldApps, type OpenedApp } from '../../harness/world-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

/** Every file under `dir` with its bytes, to prove a declined step wrote nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = (await readFile(full)).toString('base64');
  }
  return files;
}

describe.runIf(available)('an added certificate authority', () => {
  const rig = useWorldApps();
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function appWithoutTheWorldsCa() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-ca-file-'));
    dirs.push(dir);
    const caFile = path.join(dir, 'corp-root.pem');
    await writeFile(caFile, rig.world.ca.certPem);
    let answer = false;
    const opened = await rig.open('starttls', undefined, { ca: rootCertificates, pickCaFile: () => caFile, confirm: () => answer });
    return { ...opened, caFile, confirmWith: (value: boolean) => (answer = value) };
  }

  /** Adds the account, waits for the question its unverified server raises, and cancels it. */
  async function unverifiedAt(opened: OpenedApp, jid: string) {
    const view = await opened.addAccount(jid);
    const question = await waitForEvent(opened.app.events, 'trustDecisionNeeded', (q) => q.accountId === view.settings.id);
    await opened.call('decideTrust', { requestId: question.requestId, decision: 'cancel' });
    await waitForEvent(opened.app.events, 'connectionChanged', (p) => p.accountId === view.settings.id && p.state.stage === 'failed');
    return { accountId: view.settings.id, verdict: question.verdict };
  }

  async function connectedVerdict(opened: OpenedApp, accountId: string) {
    const seen = opened.app.events.length;
    await opened.call('connect', { accountId });
    const online = await waitForEvent(opened.app.events, 'connectionChanged', (p) => p.accountId === accountId && p.state.stage === 'online', { after: seen });
    return online.state.stage === 'online' ? online.state.verdict : null;
  }

  it('declined in the main dialog: nothing is stored, nothing is trusted; confirmed: the next connect verifies by PKIX and by POSH', async () => {
    const opened = await appWithoutTheWorldsCa();
    const { app, call } = opened;

    const valid = await unverifiedAt(opened, 'alice@valid.test');
    expect(valid.verdict).toMatchObject({ verified: false, undecided: 'untrusted-certificate' });
    expect(valid.verdict.pkix).toMatchObject({ ok: false, chainOk: false });
    const posh = await unverifiedAt(opened, 'alice@posh.test');
    // The provider's certificate is from the same unknown CA, and so is the web server that carries the POSH
    // document: the lookup cannot be trusted, so POSH cannot vouch either.
    expect(posh.verdict).toMatchObject({ verified: false, pkix: { chainOk: false } });
    expect(posh.verdict.posh.status).not.toBe('verified');

    const before = await snapshot(app.dataDir);
    await expect(call('addExtraCa')).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    expect(app.confirmations.at(-1)).toMatchObject({
      kind: 'add-ca',
      file: 'corp-root.pem',
      authorities: [{ subject: `CN=${rig.world.ca.commonName}`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string }],
    });
    expect(await snapshot(app.dataDir)).toEqual(before);
    expect(await call('listExtraCas')).toEqual([]);

    opened.confirmWith(true);
    const added = await call('addExtraCa');
    expect(added).toMatchObject([{ subject: `CN=${rig.world.ca.commonName}` }]);
    expect(await call('listExtraCas')).toEqual(added);
    // What was confirmed is what stays: the file on disk changing later changes nothing.
    await writeFile(opened.caFile, 'replaced');

    expect(await connectedVerdict(opened, valid.accountId)).toMatchObject({ verified: true, method: 'pkix' });
    expect(await connectedVerdict(opened, posh.accountId)).toMatchObject({ verified: true, method: 'posh' });
  });

  it('removing an authority is confirmed in main too, and the next connect no longer trusts it', async () => {
    const opened = await appWithoutTheWorldsCa();
    const { app, call } = opened;
    opened.confirmWith(true);
    const [authority] = await call('addExtraCa');
    const view = await opened.addAccount('alice@valid.test');
    const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === view.settings.id && p.state.stage === 'online');
    expect(online.state).toMatchObject({ verdict: { method: 'pkix' } });
    await call('disconnect', { accountId: view.settings.id });

    opened.confirmWith(false);
    const before = await snapshot(app.dataDir);
    await expect(call('removeExtraCa', { sha256: authority?.sha256 })).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    expect(await snapshot(app.dataDir)).toEqual(before);
    expect(app.confirmations.at(-1)).toMatchObject({ kind: 'remove-ca', authority: { sha256: authority?.sha256 } });

    opened.confirmWith(true);
    await call('removeExtraCa', { sha256: authority?.sha256 });
    expect(await call('listExtraCas')).toEqual([]);
    const seen = app.events.length;
    await call('connect', { accountId: view.settings.id });
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (q) => q.accountId === view.settings.id, { after: seen });
    expect(question.verdict).toMatchObject({ verified: false, undecided: 'untrusted-certificate' });
  });
});
