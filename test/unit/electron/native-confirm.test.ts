/**
 * The main process's own confirmation dialog: what it shows for each trust change, and that only the confirm
 * button carries a change out (Cancel is the default and the Escape answer; no window, no change).
 */
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { TrustChange } from '../../../app/domain/trust-change.js';
import { groupFingerprint } from '../../../app/domain/fingerprint-groups.js';
import { createNativeConfirm } from '../../../main/electron/native-confirm.js';
import { DOMAIN_CERT, HOSTING_CERT } from '../trust/verdict-fixtures.js';

function rig(response: number, window: { destroyed: boolean } | null = { destroyed: false }) {
  const shown: Array<{ window: unknown; options: MessageBoxOptions }> = [];
  const win = window === null ? null : ({ isDestroyed: () => window.destroyed } as unknown as BrowserWindow);
  const confirm = createNativeConfirm({
    dialog: {
      showMessageBox: (async (parent: BrowserWindow, options: MessageBoxOptions) => {
        shown.push({ window: parent, options });
        return { response, checkboxChecked: false };
      }) as never,
    },
    window: () => win,
  });
  return { confirm, shown, win };
}

const key = (certificate = HOSTING_CERT) => ({ spkiSha256: certificate.spkiSha256, certificate });

describe('the native confirmation of a trust change', () => {
  it('is attached to the window, defaults to Cancel, and confirms only on the confirm button', async () => {
    const change: TrustChange = { kind: 'pin', domain: 'example.com', key: key() };
    const yes = rig(1);
    expect(await yes.confirm(change)).toBe(true);
    expect(yes.shown[0]?.window).toBe(yes.win);
    expect(yes.shown[0]?.options).toMatchObject({ type: 'warning', buttons: ['Cancel', 'Pin this key'], defaultId: 0, cancelId: 0 });
    expect(await rig(0).confirm(change)).toBe(false);
  });

  it('changes nothing when there is no window to show it in', async () => {
    const none = rig(1, null);
    expect(await none.confirm({ kind: 'pin', domain: 'example.com', key: key() })).toBe(false);
    expect(none.shown).toEqual([]);
    const closed = rig(1, { destroyed: true });
    expect(await closed.confirm({ kind: 'pin', domain: 'example.com', key: key() })).toBe(false);
  });

  it('shows the domain (with its A-label for an IDN) and the fingerprints of key and certificate', async () => {
    const { confirm, shown } = rig(1);
    await confirm({ kind: 'pin', domain: 'xn--kln-sna.test', key: key() });
    const { message, detail } = shown[0]!.options;
    expect(message).toContain('köln.test (xn--kln-sna.test)');
    expect(detail).toContain(groupFingerprint(HOSTING_CERT.spkiSha256));
    expect(detail).toContain(groupFingerprint(HOSTING_CERT.sha256));
  });

  it('shows the old and the new key for a replacement', async () => {
    const { confirm, shown } = rig(1);
    await confirm({ kind: 'replace-pin', domain: 'example.com', previous: key(DOMAIN_CERT), next: key(HOSTING_CERT) });
    const { detail, buttons } = shown[0]!.options;
    expect(buttons).toEqual(['Cancel', 'Replace the pin']);
    expect(detail).toContain(`The pinned key (to be removed):`);
    expect(detail).toContain(groupFingerprint(DOMAIN_CERT.spkiSha256));
    expect(detail).toContain(groupFingerprint(HOSTING_CERT.spkiSha256));
  });

  it('names both servers when an account moves, and hostile text is shown escaped', async () => {
    const { confirm, shown } = rig(1);
    await confirm({
      kind: 'change-server',
      account: 'alice@example.com',
      from: null,
      to: { host: 'evil\u202eexample.com', port: 5223, directTls: true },
    });
    const { detail } = shown[0]!.options;
    expect(detail).toContain('From: found through DNS (SRV records)');
    expect(detail).toContain('To: evil\\u202eexample.com:5223 (direct TLS)');
  });

  it('shows each authority to be trusted with subject, issuer, validity and grouped hex fingerprint', async () => {
    const { confirm, shown } = rig(1);
    const authority = (name: string, digit: string) => ({
      subject: `CN=${name}`,
      issuer: `CN=${name}`,
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2035-01-01T00:00:00.000Z',
      sha256: digit.repeat(64),
    });
    await confirm({ kind: 'add-ca', file: 'corp\u202e.pem', authorities: [authority('Corp Root', 'a'), authority('Lab Root', 'b')] });
    const { message, detail, buttons } = shown[0]!.options;
    expect(buttons).toEqual(['Cancel', 'Trust these authorities']);
    expect(message).toBe('Trust the 2 certificate authorities in corp\\u202e.pem?');
    expect(detail).toContain('trusted as if it were a public one');
    expect(detail).toContain('Name: CN=Corp Root');
    expect(detail).toContain('Issued by: CN=Lab Root');
    expect(detail).toContain('Valid: 2025-01-01 to 2035-01-01');
    expect(detail).toContain(`Certificate (SHA-256): ${'AAAA '.repeat(15)}AAAA`);
    await confirm({ kind: 'remove-ca', authority: authority('Corp Root', 'c') });
    expect(shown[1]!.options).toMatchObject({ buttons: ['Cancel', 'Remove the authority'], message: 'Stop trusting CN=Corp Root?' });
  });
});
