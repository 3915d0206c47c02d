import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import { ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { ACCOUNT_ID, decisionRequest, DELEGATED_HOST_VERDICT, OTHER_ACCOUNT_ID, PINNED_VERDICT, POSH_DELEGATED_VERDICT, SRV_TO_HOSTING } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

const APP_INFO = { name: 'Hostproof', version: '1.2.3', platform: 'linux', dataPath: '/tmp/hp', passwordStorage: 'os-key-store' } as const;

function start(accounts: AccountView[], handlers: FakeHandlers = {}) {
  const fake = fakeApi({
    getInfo: () => ok(APP_INFO),
    listAccounts: () => ok(accounts),
    getTrustLog: () => ok([]),
    listConversations: () => ok([]),
    connect: () => ok(null),
    disconnect: () => ok(null),
    removeAccount: () => ok(null),
    decideTrust: () => ok(null),
    ...handlers,
  });
  renderWithApi(<App />, fake.api);
  return fake;
}

describe('<App>', () => {
  it('on first run offers "Add an account" and the application details', async () => {
    start([]);
    expect(await screen.findByTestId('welcome')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Add an account' })).toBeTruthy();
    expect((await screen.findByTestId('app-version')).textContent).toBe('1.2.3');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Hostproof');
  });

  it("lists every account with its status and identity badge, kept current by events", async () => {
    const fake = start([
      accountView({ stage: 'online', endpoint: SRV_TO_HOSTING, verdict: POSH_DELEGATED_VERDICT, fullJid: 'alice@example.com/hp', login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' } }, POSH_DELEGATED_VERDICT),
      accountView({ stage: 'offline' }, PINNED_VERDICT, { id: OTHER_ACCOUNT_ID, jid: 'alice@im.example.com' }),
    ]);
    const items = await screen.findAllByTestId('account-item');
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    expect(within(first).getByTestId('identity-badge').textContent).toContain('Verified · hosted by hosting.example.net');
    // The sidebar says it in a word; the full sentence (with the resource) is the tooltip and what a screen reader reads.
    const stage = () => within(first).getByTestId('connection-stage');
    expect(stage().textContent).toBe(' Online: Online as alice@example.com/hp');
    expect(stage().getAttribute('title')).toBe('Online as alice@example.com/hp');
    expect(within(second).getByTestId('identity-badge').textContent).toContain('Pinned by you');
    fake.emit('connectionChanged', { accountId: ACCOUNT_ID, state: { stage: 'resolving' } });
    expect(stage().textContent).toBe(' Connecting…: Looking up the chat server for example.com…');
  });

  it('opens the security panel from the badge', async () => {
    start([accountView({ stage: 'offline' }, POSH_DELEGATED_VERDICT)]);
    const item = await screen.findByTestId('account-item');
    fireEvent.click(within(item).getByRole('button', { name: /^Identity:/ }));
    // The settings area is a chunk of its own: its first opening loads it (over a second on a busy machine).
    expect(await screen.findByTestId('security-panel', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId('verdict-summary').textContent).toBe(POSH_DELEGATED_VERDICT.summary);
  });

  it('asks the trust decision over any screen and updates the badge from the pending verdict', async () => {
    const fake = start([accountView()]);
    await screen.findByTestId('account-item');
    const request = decisionRequest(DELEGATED_HOST_VERDICT);
    fake.emit('connectionChanged', { accountId: ACCOUNT_ID, state: { stage: 'awaiting-decision', endpoint: SRV_TO_HOSTING, request } });
    fake.emit('trustDecisionNeeded', request);
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
    expect(screen.getByTestId('identity-badge').textContent).toContain('Unverified · delegated host');
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    await waitFor(() => expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'cancel' }]));
  });

  it('connects, asks for the password when none is stored, and removes an account only after confirmation', async () => {
    const fake = start([accountView()]);
    fireEvent.click(await screen.findByRole('button', { name: /alice@example.com/ }));
    // The settings area is a chunk of its own: the first opening waits for it.
    fireEvent.click(await screen.findByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(fake.callsOf('connect')).toEqual([{ accountId: ACCOUNT_ID }]));
    fake.emit('connectionChanged', {
      accountId: ACCOUNT_ID,
      state: { stage: 'failed', error: { kind: 'password-needed', message: 'No password is stored for this account.' }, verdict: null },
    });
    fireEvent.change(screen.getByLabelText('Password for alice@example.com'), { target: { value: 's3cret' } });
    fireEvent.click(within(screen.getByRole('form', { name: 'Connect alice@example.com with a password' })).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(fake.callsOf('connect')).toContainEqual({ accountId: ACCOUNT_ID, password: 's3cret' }));

    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    const confirm = screen.getByTestId('remove-account-confirm');
    expect(fake.callsOf('removeAccount')).toEqual([]);
    // Deleting the history with the account is the main choice; keeping it is offered beside it.
    expect(within(confirm).getByRole('button', { name: 'Remove, keep history' })).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove account and history' }));
    await waitFor(() => expect(fake.callsOf('removeAccount')).toEqual([{ accountId: ACCOUNT_ID, deleteHistory: true }]));
  });
});
