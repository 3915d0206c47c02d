/**
 * A pin added before the first connection from a fingerprint the provider published elsewhere (trust-ux.md
 * "Pin manager"): stored only after the main process's own confirmation, in any form people paste, and the
 * first connection then verifies silently by it and fills in the certificate the key came in. Real services,
 * a real Prosody; only the native dialog is stood in for.
 */
import { describe, expect, it } from 'vitest';
import { base64ToColonHex } from '../../../app/domain/fingerprint-input.js';
import { summarizeCertificate } from '../../../main/trust/certificate.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { useWorldApps } from '../../harness/world-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('a pin from a published fingerprint', () => {
  const rig = useWorldApps();
  const providerKey = () => summarizeCertificate(rig.world.hosting.der);

  it('declined in the main process\'s own dialog, changes nothing', async () => {
    const { app, call } = await rig.open('starttls', undefined, { confirm: () => false });
    const spki = providerKey().spkiSha256;
    await expect(call('addPin', { domain: 'noposh.test', service: 'xmpp-client', spkiSha256: spki })).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    expect(app.confirmations).toEqual([{ kind: 'pin-published', domain: 'noposh.test', spkiSha256: spki, replaces: null }]);
    expect(await call('listPins')).toEqual([]);
  });

  it('refuses text that is not a SHA-256 fingerprint, in plain words, without asking', async () => {
    const { app, call } = await rig.open('starttls');
    await expect(call('addPin', { domain: 'noposh.test', service: 'xmpp-client', spkiSha256: 'AB:CD:EF' })).rejects.toThrow(/SHA-256 fingerprint is 32 bytes/);
    expect(app.confirmations).toEqual([]);
    expect(await call('listPins')).toEqual([]);
  });

  it('given as colon hex, makes the first connection verify silently by the pin and learns its certificate', async () => {
    const { app, call, addAccount, stateOf } = await rig.open('starttls');
    const key = providerKey();
    const added = await call('addPin', { domain: 'NoPosh.test', service: 'xmpp-client', spkiSha256: base64ToColonHex(key.spkiSha256).toLowerCase() });
    expect(added).toMatchObject({ domain: 'noposh.test', spkiSha256: key.spkiSha256, certificate: null, approvedHow: 'published-fingerprint', lastSeenAt: null });

    const view = await addAccount('alice@noposh.test');
    await stateOf(view.settings.id, 'online');
    expect(app.events.filter((e) => e.event === 'trustDecisionNeeded')).toEqual([]);
    const [account] = await call('listAccounts');
    expect(account?.lastVerdict).toMatchObject({ verified: true, method: 'pin' });
    const [pin] = await call('listPins');
    expect(pin).toMatchObject({ approvedHow: 'published-fingerprint', certificate: { spkiSha256: key.spkiSha256, sha256: key.sha256 } });
    expect(pin?.lastSeenAt).not.toBeNull();
  });

  it('replacing an existing pin names the pin it replaces in the confirmation', async () => {
    const { app, call, addAccount, stateOf } = await rig.open('starttls');
    const view = await addAccount('alice@noposh.test');
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (q) => q.accountId === view.settings.id);
    await call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    await stateOf(view.settings.id, 'online');
    const [before] = await call('listPins');
    const other = 'A'.repeat(43) + '=';
    await call('addPin', { domain: 'noposh.test', service: 'xmpp-client', spkiSha256: other });
    expect(app.confirmations.at(-1)).toEqual({
      kind: 'pin-published',
      domain: 'noposh.test',
      spkiSha256: other,
      replaces: { spkiSha256: before?.spkiSha256, certificate: before?.certificate },
    });
    expect((await call('listPins')).map((p) => p.spkiSha256)).toEqual([other]);
  });
});
