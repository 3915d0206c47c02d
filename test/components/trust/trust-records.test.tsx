import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trustLogEntryFrom } from '../../../app/domain/trust-log-entry.js';
import type { PoshCacheEntry, TrustLogEntry } from '../../../app/domain/trust-records.js';
import { ok } from '../../../app/ipc/result.js';
import { PoshCacheView } from '../../../renderer/src/trust/PoshCacheView.js';
import { TrustHistory } from '../../../renderer/src/trust/TrustHistory.js';
import { WARNING_TEXT } from '../../../renderer/src/trust/warning-text.js';
import { HOSTING_CERT } from '../fixtures/certificates.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID, DELEGATED_HOST_VERDICT, OTHER_ACCOUNT_ID, POSH_DELEGATED_VERDICT, RFC_URL } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

const ENTRY: PoshCacheEntry = {
  domain: 'example.com',
  format: 'rfc7711',
  fetchedAt: '2012-09-01T12:00:00.000Z',
  expiresAt: '2012-09-08T12:00:00.000Z',
  fingerprints: [{ hash: 'sha-256', value: HOSTING_CERT.sha256, url: RFC_URL }],
};

/** A line as version 1 wrote it (no why), then the lines the app writes now, built from the engine's verdicts. */
const LOG: TrustLogEntry[] = [
  {
    v: 1,
    kind: 'verification',
    at: '2012-08-01T12:00:00.000Z',
    account: ACCOUNT_ID,
    host: 'hosting.example.net',
    port: 5222,
    certificateSha256: HOSTING_CERT.sha256,
    spkiSha256: HOSTING_CERT.spkiSha256,
    verified: true,
    method: 'pkix',
    undecided: null,
  },
  trustLogEntryFrom(DELEGATED_HOST_VERDICT, { at: '2012-09-01T12:00:00.000Z', account: ACCOUNT_ID }),
  trustLogEntryFrom(DELEGATED_HOST_VERDICT, { at: '2012-09-01T12:00:05.000Z', account: ACCOUNT_ID, decision: 'pin' }),
  trustLogEntryFrom(POSH_DELEGATED_VERDICT, { at: '2012-09-02T12:00:00.000Z', account: ACCOUNT_ID }),
];

describe('<PoshCacheView>', () => {
  it('lists what POSH proved and until when, and forgets a domain', async () => {
    let entries = [ENTRY];
    const fake = fakeApi({
      listPoshCache: () => ok(entries),
      forgetPosh: () => {
        entries = [];
        return ok(null);
      },
    });
    renderWithApi(<PoshCacheView />, fake.api);
    const item = await screen.findByTestId('posh-cache-item');
    expect(item.textContent).toContain('example.com');
    expect(item.textContent).toContain(HOSTING_CERT.sha256);
    expect(item.textContent).toContain(RFC_URL);
    fireEvent.click(screen.getByRole('button', { name: 'Forget example.com' }));
    await waitFor(() => expect(screen.queryByTestId('posh-cache-item')).toBeNull());
    expect(fake.callsOf('forgetPosh')).toEqual([{ domain: 'example.com' }]);
  });
});

describe('<TrustHistory>', () => {
  const original = URL.createObjectURL;
  afterEach(() => {
    URL.createObjectURL = original;
  });

  function show() {
    const fake = fakeApi({
      getTrustLog: () => ok(LOG),
      exportTrustLog: () => ok({ fileName: 'trust-alice@example.com.json', json: JSON.stringify(LOG) }),
    });
    renderWithApi(<TrustHistory accountId={ACCOUNT_ID} />, fake.api);
    return fake;
  }

  it('shows one row per verification or decision, newest first', async () => {
    const fake = show();
    const rows = await screen.findAllByTestId('trust-log-row');
    expect(rows).toHaveLength(4);
    expect(rows[0]?.textContent).toContain('Verified by POSH');
    expect(rows[1]?.textContent).toContain('You pinned the key');
    expect(rows[2]?.textContent).toContain('Unverified: delegated host');
    expect(rows[2]?.textContent).toContain('hosting.example.net:5222');
    expect(fake.callsOf('getTrustLog')).toEqual([{ accountId: ACCOUNT_ID }]);
  });

  it('reads the log again when a connection attempt of its account logs something (online), not for other accounts', async () => {
    let log = LOG.slice(0, 1);
    const fake = fakeApi({ getTrustLog: () => ok(log) });
    renderWithApi(<TrustHistory accountId={ACCOUNT_ID} />, fake.api);
    await waitFor(() => expect(screen.getAllByTestId('trust-log-row')).toHaveLength(1));
    log = LOG;
    fake.emit('connectionChanged', { accountId: OTHER_ACCOUNT_ID, state: { stage: 'offline' } });
    fake.emit('connectionChanged', { accountId: ACCOUNT_ID, state: { stage: 'resolving' } });
    expect(fake.callsOf('getTrustLog')).toHaveLength(1);
    fake.emit('connectionChanged', { accountId: ACCOUNT_ID, state: { stage: 'offline' } });
    await waitFor(() => expect(screen.getAllByTestId('trust-log-row')).toHaveLength(4));
    expect(fake.callsOf('getTrustLog')).toHaveLength(2);
  });

  it('says how a login was protected in its row', async () => {
    const login = trustLogEntryFrom(POSH_DELEGATED_VERDICT, {
      at: '2012-09-02T12:00:01.000Z',
      account: ACCOUNT_ID,
      login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' },
    });
    const unbound = trustLogEntryFrom(POSH_DELEGATED_VERDICT, { at: '2012-09-02T12:00:02.000Z', account: ACCOUNT_ID, login: { mechanism: 'SCRAM-SHA-1', channelBinding: null } });
    renderWithApi(<TrustHistory accountId={ACCOUNT_ID} />, fakeApi({ getTrustLog: () => ok([...LOG, login, unbound]) }).api);
    const [newest, bound] = await screen.findAllByTestId('trust-log-row');
    expect(newest?.textContent).toContain('Logged in: SCRAM-SHA-1, not bound to this TLS connection');
    expect(bound?.textContent).toContain('Logged in: SCRAM-SHA-256 bound to this TLS connection (tls-exporter)');
  });

  it('says why: the verdict\'s sentence, its warnings, and the steps that led there', async () => {
    show();
    const [posh, , question] = await screen.findAllByTestId('trust-log-row');
    // Verified by POSH: the sentence names the provider; "delegated host" is the delegation itself, not a warning.
    expect(within(posh!).getByTestId('trust-log-why').textContent).toContain('example.com delegates its chat service to hosting.example.net (proved by POSH).');
    expect(within(posh!).queryByTestId('trust-log-warnings')).toBeNull();
    const steps = within(posh!).getByTestId('trust-log-steps').querySelectorAll('li');
    expect([...steps].map((s) => s.dataset.kind)).toEqual(['domain', 'srv', 'certificate', 'posh', 'fingerprint']);
    expect(steps[1]?.textContent).toBe('The DNS (SRV) record pointed to hosting.example.net:5222 (not authenticated)');
    // The question: why the server was not trusted, and the warning in words.
    expect(within(question!).getByTestId('trust-log-why').textContent).toContain(DELEGATED_HOST_VERDICT.summary);
    expect(within(question!).getByTestId('trust-log-warnings').textContent).toBe(WARNING_TEXT['delegated-host']);
  });

  it('says plainly when a line predates the why', async () => {
    show();
    const rows = await screen.findAllByTestId('trust-log-row');
    const oldest = rows[rows.length - 1]!;
    expect(oldest.textContent).toContain('Verified by certificate authority');
    expect(oldest.textContent).toContain('Recorded by an earlier version of Hostproof, which did not keep the reason.');
    expect(within(oldest).queryByTestId('trust-log-why')).toBeNull();
  });

  it('offers the export as a download link over a Blob URL', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:hostproof/1';
    });
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Export as JSON' }));
    const link = await screen.findByTestId('trust-log-download');
    expect(link.getAttribute('href')).toBe('blob:hostproof/1');
    expect(link.getAttribute('download')).toBe('trust-alice@example.com.json');
    expect(await created[0]?.text()).toBe(JSON.stringify(LOG));
  });

  it('falls back to read-only JSON with a Copy button where Blob URLs are unavailable', async () => {
    URL.createObjectURL = vi.fn(() => {
      throw new Error('blocked');
    });
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Export as JSON' }));
    const text = (await screen.findByTestId('trust-log-json')) as HTMLTextAreaElement;
    expect(text.readOnly).toBe(true);
    expect(text.value).toBe(JSON.stringify(LOG));
    expect(screen.queryByTestId('trust-log-download')).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy the trust history JSON' })).toBeTruthy();
  });
});
