import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BlockingView } from '../../../app/domain/blocking.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { BlockedSettings } from '../../../renderer/src/blocking/BlockedSettings.js';
import { ContactsView } from '../../../renderer/src/contacts/ContactsView.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { BobPane } from '../chat/pane.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

const view = (blocked: readonly string[], supported: boolean | null = true): BlockingView => ({ accountId: ACCOUNT_ID, supported, blocked });

/** A main process that keeps one list: block and unblock change it and answer with it, as main does. */
function blockingMain(initial: BlockingView): FakeHandlers {
  let current = initial;
  return {
    listBlocked: () => ok(current),
    block: (p) => ok((current = view([...current.blocked, p.address].sort()))),
    unblock: (p) => ok((current = view(current.blocked.filter((a) => a !== p.address)))),
  };
}

function openPane(initial: BlockingView) {
  const fake = fakeApi({ loadHistory: () => ok({ messages: [], complete: true }), ...blockingMain(initial) });
  renderWithApi(<BobPane />, fake.api);
  return fake;
}

describe('blocking in a conversation', () => {
  it('blocks from the header after a confirmation that names who, then says so instead of the composer', async () => {
    const fake = openPane(view([]));
    fireEvent.click(await screen.findByTestId('block-contact'));
    const dialog = await screen.findByTestId('block-confirm');
    expect(within(dialog).getByRole('heading').textContent).toBe('Block Bob (bob@example.org)?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Block' }));
    await screen.findByTestId('blocked-notice');
    expect(fake.callsOf('block')).toEqual([{ accountId: ACCOUNT_ID, address: PEER }]);
    expect(screen.queryByTestId('composer')).toBeNull();
    expect(screen.queryByTestId('block-contact')).toBeNull();
    expect(screen.getByTestId('blocked-notice').textContent).toContain('You have blocked Bob.');

    fireEvent.click(screen.getByTestId('unblock-conversation'));
    await screen.findByTestId('composer');
    expect(fake.callsOf('unblock')).toEqual([{ accountId: ACCOUNT_ID, address: PEER }]);
  });

  it('Cancel blocks nobody', async () => {
    const fake = openPane(view([]));
    fireEvent.click(await screen.findByTestId('block-contact'));
    fireEvent.click(within(await screen.findByTestId('block-confirm')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('block-confirm')).toBeNull());
    expect(fake.callsOf('block')).toEqual([]);
    expect(screen.getByTestId('composer')).toBeTruthy();
  });

  it('follows a block made elsewhere (the account’s other client), and a whole-domain block', async () => {
    const fake = openPane(view([]));
    await screen.findByTestId('block-contact');
    fake.emit('blockedChanged', view(['example.org']));
    expect((await screen.findByTestId('blocked-notice')).textContent).toContain('You have blocked everyone at example.org.');
    expect(screen.getByTestId('unblock-conversation').textContent).toBe('Unblock example.org');
    fake.emit('blockedChanged', view([]));
    await screen.findByTestId('composer');
  });

  it('offers no blocking where the server does not support it', async () => {
    const fake = openPane(view([], false));
    await waitFor(() => expect(fake.callsOf('listBlocked')).toHaveLength(1));
    await screen.findByTestId('composer');
    expect(screen.queryByTestId('block-contact')).toBeNull();
  });
});

const ROSTER: RosterItem[] = [
  { jid: 'bob@example.org', name: 'Bob', groups: [], subscription: 'both', pendingOut: false, approved: false },
  { jid: 'carol@example.org', name: null, groups: [], subscription: 'both', pendingOut: false, approved: false },
];

describe('blocking from the contact list', () => {
  it('blocks a contact after naming them, marks them blocked, and unblocks', async () => {
    const fake = fakeApi({ getRoster: () => ok({ items: ROSTER, presence: [] }), ...blockingMain(view(['carol@example.org'])) });
    renderWithApi(<ContactsView accountId={ACCOUNT_ID} onOpenChat={() => undefined} />, fake.api);
    const row = (jid: string) => screen.getAllByTestId('contact').find((c) => c.dataset.jid === jid) as HTMLElement;
    await waitFor(() => expect(within(row('carol@example.org')).getByTestId('contact-presence').textContent).toContain('· blocked'));
    fireEvent.click(within(row('bob@example.org')).getByRole('button', { name: 'Block…' }));
    const dialog = await screen.findByTestId('block-confirm');
    expect(within(dialog).getByRole('heading').textContent).toBe('Block Bob (bob@example.org)?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(within(row('bob@example.org')).getByTestId('contact-presence').textContent).toContain('· blocked'));
    expect(fake.callsOf('block')).toEqual([{ accountId: ACCOUNT_ID, address: 'bob@example.org' }]);

    fireEvent.click(within(row('carol@example.org')).getByRole('button', { name: 'Unblock' }));
    await waitFor(() => expect(fake.callsOf('unblock')).toEqual([{ accountId: ACCOUNT_ID, address: 'carol@example.org' }]));
  });

  it('a subscription request shown before its sender was blocked goes with the block', async () => {
    const fake = fakeApi({ getRoster: () => ok({ items: ROSTER, presence: [] }), ...blockingMain(view([])) });
    renderWithApi(<ContactsView accountId={ACCOUNT_ID} onOpenChat={() => undefined} />, fake.api);
    await screen.findAllByTestId('contact');
    for (const from of ['mallory@spam.example', 'dave@example.net']) fake.emit('subscriptionRequested', { accountId: ACCOUNT_ID, from, at: '2024-05-01T12:00:00.000Z' });
    const shown = () => screen.queryAllByTestId('subscription-request').map((r) => r.querySelector('bdi')?.textContent);
    await waitFor(() => expect(shown()).toEqual(['mallory@spam.example', 'dave@example.net']));
    fake.emit('blockedChanged', view(['spam.example']));
    await waitFor(() => expect(shown()).toEqual(['dave@example.net']));
  });
});

describe('Settings, Blocked', () => {
  it('lists blocked addresses with Unblock, and blocks a whole domain after a confirmation', async () => {
    const fake = fakeApi(blockingMain(view(['bob@example.org', 'spam.example'])));
    renderWithApi(<BlockedSettings accounts={[accountView({ stage: 'offline' })]} />, fake.api);
    const list = await screen.findByTestId('blocked-list');
    expect([...list.querySelectorAll<HTMLElement>('li')].map((li) => li.dataset.address)).toEqual(['bob@example.org', 'spam.example']);
    expect(list.textContent).toContain('(whole domain)');

    fireEvent.click(screen.getByRole('button', { name: 'Unblock bob@example.org' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Unblock bob@example.org' })).toBeNull());

    fireEvent.change(screen.getByLabelText('Block an address or domain'), { target: { value: 'not an address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Block…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter a chat address');
    fireEvent.change(screen.getByLabelText('Block an address or domain'), { target: { value: 'Evil.Example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Block…' }));
    const dialog = await screen.findByTestId('block-confirm');
    expect(within(dialog).getByRole('heading').textContent).toBe('Block everyone at evil.example?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(fake.callsOf('block')).toEqual([{ accountId: ACCOUNT_ID, address: 'evil.example' }]));
    await screen.findByRole('button', { name: 'Unblock evil.example' });
  });

  it('says when the server does not support blocking, or the account has not connected yet', async () => {
    const unsupported = fakeApi(blockingMain(view([], false)));
    const { unmount } = renderWithApi(<BlockedSettings accounts={[accountView({ stage: 'offline' })]} />, unsupported.api);
    expect((await screen.findByTestId('blocking-unsupported')).textContent).toContain('does not support blocking');
    expect(screen.queryByLabelText('Block an address or domain')).toBeNull();
    unmount();
    renderWithApi(<BlockedSettings accounts={[accountView({ stage: 'offline' })]} />, fakeApi(blockingMain(view([], null))).api);
    await screen.findByText('Connect this account to see whom it blocks.');
  });

  it('shows addresses from the network as text, never as markup', async () => {
    renderWithApi(<BlockedSettings accounts={[accountView({ stage: 'offline' })]} />, fakeApi(blockingMain(view(['<b>x</b>@example.org']))).api);
    const list = await screen.findByTestId('blocked-list');
    expect(list.textContent).toContain('<b>x</b>@example.org');
    expect(list.querySelector('b')).toBeNull();
  });
});
