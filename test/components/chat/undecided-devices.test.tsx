/**
 * A contact's new device waiting for the person's decision (issue 15): the open conversation says so in words,
 * leads to the trust center, and lets go of the notice when main says no device is left out any more. The notice
 * is kept per account and contact for the whole window, so it shows in a conversation opened after the message.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { UndecidedDevicesNotice } from '../../../renderer/src/chat/UndecidedDevicesNotice.js';
import { installLayoutStubs } from './layout-stubs.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { history, message } from '../fixtures/messages.js';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID, PKIX_VERDICT } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

const BOB = 'bob@example.org';
const HOME = accountView({ stage: 'offline' }, PKIX_VERDICT);
const NOTICE_TEXT = `${BOB} has a new device (1234567) that your messages are not encrypted to yet. Check its fingerprint with them before you trust it.`;
const item = (jid: string, name: string | null): RosterItem => ({ jid, name, groups: [], subscription: 'both', pendingOut: false, approved: false });

function start(accounts: AccountView[]) {
  const fake = fakeApi({
    getInfo: () => ok({ name: 'Hostproof', version: '1.2.3', platform: 'linux', dataPath: '/tmp/hp', passwordStorage: 'os-key-store' }),
    listAccounts: () => ok(accounts),
    getRoster: () => ok({ items: [item(BOB, 'Bob Builder')], presence: [] }),
    listConversations: () => ok([{ peer: BOB, lastMessage: message({ id: 'b1', body: 'See you at noon', at: '2012-09-01T12:00:00.000Z' }), unread: 0 }]),
    loadHistory: () => ok({ messages: history(3), complete: true }),
    markRead: () => ok(null),
    getTrustLog: () => ok([]),
    listPins: () => ok([]),
    listPoshCache: () => ok([]),
    listExtraCas: () => ok([]),
    listOmemoDevices: () => ok({ state: 'off', message: 'Encryption (OMEMO) is not switched on in this version of Hostproof yet.' }),
  });
  renderWithApi(<App />, fake.api);
  return fake;
}

async function openBob(): Promise<HTMLElement> {
  const row = await screen.findByTestId('conversation');
  fireEvent.click(row);
  return screen.findByTestId('conversation-pane');
}

describe("a contact's new device in the conversation", () => {
  it('says which device waits for a decision, opens the trust center, and goes when main says none is left out', async () => {
    const fake = start([HOME]);
    await screen.findByTestId('conversation');
    // Told before the conversation is open: the window keeps it.
    fake.emit('omemoDevicesUndecided', { accountId: ACCOUNT_ID, peer: BOB, devices: [{ deviceId: 1234567, fingerprint: null }] });
    // Another account's conversation with the same address is another conversation.
    fake.emit('omemoDevicesUndecided', { accountId: OTHER_ACCOUNT_ID, peer: BOB, devices: [{ deviceId: 7654321, fingerprint: null }] });

    const pane = await openBob();
    const notice = within(pane).getByTestId('undecided-devices-notice');
    expect(within(notice).getByRole('paragraph').textContent).toBe(NOTICE_TEXT);
    expect(notice.textContent).not.toContain('7654321');

    fireEvent.click(within(notice).getByRole('button', { name: 'Review in the trust center' }));
    await screen.findByTestId('trust-center');
    expect(screen.queryByTestId('conversation-pane')).toBeNull();

    // Back in the conversation, the notice is still there until main says otherwise.
    fireEvent.keyDown(window, { key: 'Escape' });
    await within(await screen.findByTestId('conversation-pane')).findByTestId('undecided-devices-notice');
    fake.emit('omemoDevicesUndecided', { accountId: ACCOUNT_ID, peer: BOB, devices: [] });
    await waitFor(() => expect(screen.queryByTestId('undecided-devices-notice')).toBeNull());
  });

  it('names several devices, shows a known fingerprint behind a disclosure, and shows everything as text', () => {
    const reviews: string[] = [];
    render(
      <UndecidedDevicesNotice
        peer="<b>x</b>@example.org"
        devices={[
          { deviceId: 11, fingerprint: '<img src=x onerror=alert(1)> 05a1b2c3' },
          { deviceId: 22, fingerprint: null },
        ]}
        onReview={() => reviews.push('trust center')}
      />,
    );
    const notice = screen.getByTestId('undecided-devices-notice');
    expect(within(notice).getByRole('paragraph').textContent).toBe(
      '<b>x</b>@example.org has new devices (11, 22) that your messages are not encrypted to yet. Check their fingerprints with them before you trust them.',
    );
    expect(within(notice).getByText('Fingerprint')).toBeTruthy();
    expect(within(notice).getByRole('listitem').textContent).toBe('11: <img src=x onerror=alert(1)> 05a1b2c3');
    expect(notice.querySelector('b, img')).toBeNull();
    fireEvent.click(within(notice).getByRole('button', { name: 'Review in the trust center' }));
    expect(reviews).toEqual(['trust center']);
  });

  it('says nothing when no device waits', () => {
    render(<UndecidedDevicesNotice peer={BOB} devices={[]} onReview={() => undefined} />);
    expect(screen.queryByTestId('undecided-devices-notice')).toBeNull();
  });
});
