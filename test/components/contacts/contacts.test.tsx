import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContactPresence, RosterItem } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { subscriptionActions } from '../../../renderer/src/contacts/ContactRow.js';
import { ContactsView } from '../../../renderer/src/contacts/ContactsView.js';
import { PresenceSelector } from '../../../renderer/src/contacts/PresenceSelector.js';
import { bestResource } from '../../../renderer/src/contacts/presence-text.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';

installLayoutStubs();

const item = (jid: string, overrides: Partial<RosterItem> = {}): RosterItem => ({
  jid,
  name: null,
  groups: [],
  subscription: 'both',
  pendingOut: false,
  approved: false,
  ...overrides,
});

const ROSTER: RosterItem[] = [
  item('bob@example.org', { name: 'Bob', groups: ['Work', 'Friends'] }),
  item('carol@example.org', { name: 'Carol \u202Eevil', groups: ['Work'] }),
  item('dave@example.net', { subscription: 'none', pendingOut: true }),
];

const PRESENCE: ContactPresence[] = [
  {
    jid: 'bob@example.org',
    resources: [
      { resource: 'phone', show: 'away', status: 'on the train', priority: 0 },
      { resource: 'desk', show: 'dnd', status: '<b>in a meeting</b>', priority: 5 },
    ],
  },
];

function show() {
  const opened: string[] = [];
  const fake = fakeApi({
    getRoster: () => ok({ items: ROSTER, presence: PRESENCE }),
    addContact: () => ok(null),
    updateContact: () => ok(null),
    removeContact: () => ok(null),
    answerSubscription: () => ok(null),
    changeSubscription: () => ok(null),
    setPresence: () => ok(null),
  });
  renderWithApi(<ContactsView accountId={ACCOUNT_ID} onOpenChat={(jid) => opened.push(jid)} />, fake.api);
  return { fake, opened };
}

const groupNames = () => [...document.querySelectorAll<HTMLElement>('.roster-group')].map((r) => r.dataset.group);
const contactsIn = (group: string) =>
  screen
    .getAllByTestId('contact')
    .filter((c) => c.dataset.group === group)
    .map((c) => c.dataset.jid);

describe('<ContactsView>', () => {
  it('groups contacts (one in two groups appears in both), ungrouped last', async () => {
    show();
    await screen.findAllByTestId('contact');
    expect(groupNames()).toEqual(['Friends', 'Work', 'Not in a group']);
    expect(contactsIn('Work')).toEqual(['bob@example.org', 'carol@example.org']);
    expect(contactsIn('Not in a group')).toEqual(['dave@example.net']);
  });

  it('shows presence of the highest-priority resource with its status text, as isolated text', async () => {
    show();
    const bob = (await screen.findAllByTestId('contact')).find((c) => c.dataset.jid === 'bob@example.org') as HTMLElement;
    const presence = within(bob).getByTestId('contact-presence');
    expect(presence.textContent).toContain('Do not disturb — <b>in a meeting</b>');
    expect(presence.querySelector('b')).toBeNull();
    const carol = screen.getAllByTestId('contact').find((c) => c.dataset.jid === 'carol@example.org') as HTMLElement;
    expect(carol.querySelector('.contact__name')?.tagName).toBe('BDI');
    const dave = screen.getAllByTestId('contact').find((c) => c.dataset.jid === 'dave@example.net') as HTMLElement;
    expect(dave.textContent).toContain('Offline');
    expect(dave.textContent).toContain('waiting for them to accept');
  });

  it('updates presence from events', async () => {
    const { fake } = show();
    await screen.findAllByTestId('contact');
    fake.emit('presenceChanged', { accountId: ACCOUNT_ID, presence: { jid: 'dave@example.net', resources: [{ resource: 'r', show: 'chat', status: null, priority: 1 }] } });
    const dave = screen.getAllByTestId('contact').find((c) => c.dataset.jid === 'dave@example.net') as HTMLElement;
    expect(within(dave).getByTestId('contact-presence').textContent).toContain('Free to chat');
  });

  it('filters by name or address', async () => {
    show();
    await screen.findAllByTestId('contact');
    fireEvent.change(screen.getByLabelText('Search contacts'), { target: { value: 'EXAMPLE.NET' } });
    expect(screen.getAllByTestId('contact').map((c) => c.dataset.jid)).toEqual(['dave@example.net']);
    fireEvent.change(screen.getByLabelText('Search contacts'), { target: { value: 'zzz' } });
    expect(screen.getByText('No contact matches.')).toBeTruthy();
  });

  it('adds a contact after checking the address', async () => {
    const { fake } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    const form = screen.getByTestId('add-contact-form');
    fireEvent.change(within(form).getByLabelText("Contact's address"), { target: { value: 'erin' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    expect(form.textContent).toContain('A chat address looks like name@example.com');
    fireEvent.change(within(form).getByLabelText("Contact's address"), { target: { value: 'erin@example.com' } });
    fireEvent.change(within(form).getByLabelText('Group (optional)'), { target: { value: 'Family' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(fake.callsOf('addContact')).toEqual([{ accountId: ACCOUNT_ID, jid: 'erin@example.com', groups: ['Family'] }]));
  });

  it('approves and denies subscription requests', async () => {
    const { fake } = show();
    await screen.findAllByTestId('contact');
    fake.emit('subscriptionRequested', { accountId: ACCOUNT_ID, from: 'frank@example.com', at: '2012-09-01T12:00:00.000Z' });
    fake.emit('subscriptionRequested', { accountId: ACCOUNT_ID, from: 'spam@example.com', at: '2012-09-01T12:00:00.000Z' });
    fake.emit('subscriptionRequested', { accountId: 'another', from: 'elsewhere@example.com', at: '2012-09-01T12:00:00.000Z' });
    const requests = screen.getAllByTestId('subscription-request');
    expect(requests.map((r) => r.textContent?.split(' ')[0])).toEqual(['frank@example.com', 'spam@example.com']);
    fireEvent.click(within(requests[0] as HTMLElement).getByRole('button', { name: 'Approve' }));
    fireEvent.click(within(requests[1] as HTMLElement).getByRole('button', { name: 'Deny' }));
    await waitFor(() => expect(screen.queryByTestId('subscription-requests')).toBeNull());
    expect(fake.callsOf('answerSubscription')).toEqual([
      { accountId: ACCOUNT_ID, jid: 'frank@example.com', approve: true },
      { accountId: ACCOUNT_ID, jid: 'spam@example.com', approve: false },
    ]);
  });

  it('renames a contact with its groups', async () => {
    const { fake } = show();
    const bob = (await screen.findAllByTestId('contact')).find((c) => c.dataset.jid === 'bob@example.org') as HTMLElement;
    fireEvent.click(within(bob).getByRole('button', { name: 'Rename' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Robert' } });
    fireEvent.change(within(dialog).getByLabelText('Groups'), { target: { value: 'Work, , Chess, Work' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsOf('updateContact')).toEqual([{ accountId: ACCOUNT_ID, jid: 'bob@example.org', name: 'Robert', groups: ['Work', 'Chess'] }]);
  });

  it('removes a contact only after confirmation', async () => {
    const { fake } = show();
    const dave = (await screen.findAllByTestId('contact')).find((c) => c.dataset.jid === 'dave@example.net') as HTMLElement;
    fireEvent.click(within(dave).getByRole('button', { name: 'Remove' }));
    expect(fake.callsOf('removeContact')).toEqual([]);
    fireEvent.click(within(screen.getByTestId('remove-contact-confirm')).getByRole('button', { name: 'Remove contact' }));
    await waitFor(() => expect(fake.callsOf('removeContact')).toEqual([{ accountId: ACCOUNT_ID, jid: 'dave@example.net' }]));
  });

  it('opens a chat from a contact', async () => {
    const { opened } = show();
    const bob = (await screen.findAllByTestId('contact')).find((c) => c.dataset.jid === 'bob@example.org') as HTMLElement;
    fireEvent.click(within(bob).getByRole('button', { name: 'Chat' }));
    expect(opened).toEqual(['bob@example.org']);
  });

  it('sets our own presence and status message (the selector sits on the account page)', async () => {
    const fake = fakeApi({ setPresence: () => ok(null) });
    renderWithApi(<PresenceSelector accountId={ACCOUNT_ID} />, fake.api);
    fireEvent.change(screen.getByLabelText('Status message'), { target: { value: 'Lunch' } });
    fireEvent.change(screen.getByLabelText('Your presence'), { target: { value: 'away' } });
    await waitFor(() => expect(fake.callsOf('setPresence')).toEqual([{ accountId: ACCOUNT_ID, show: 'away', status: 'Lunch' }]));
  });

  it('offers the presence-sharing changes that fit each contact, and sends the chosen one', async () => {
    const { fake } = show();
    const bob = (await screen.findAllByTestId('contact')).find((c) => c.dataset.jid === 'bob@example.org')!;
    fireEvent.click(within(bob).getByRole('button', { name: 'Stop sharing my status' }));
    await waitFor(() => expect(fake.callsOf('changeSubscription')).toEqual([{ accountId: ACCOUNT_ID, jid: 'bob@example.org', action: 'revoke' }]));
    const dave = screen.getAllByTestId('contact').find((c) => c.dataset.jid === 'dave@example.net')!;
    // Dave has not answered our request yet: asking again is not offered, letting him see us is.
    expect(within(dave).queryByRole('button', { name: 'Ask to see their status' })).toBeNull();
    expect(within(dave).getByRole('button', { name: 'Let them see my status' })).toBeTruthy();
  });
});

describe('subscriptionActions (RFC 6121 states)', () => {
  it.each([
    [{ subscription: 'none', pendingOut: false, approved: false }, ['request', 'pre-approve']],
    [{ subscription: 'none', pendingOut: true, approved: true }, []],
    [{ subscription: 'to', pendingOut: false, approved: false }, ['unsubscribe', 'pre-approve']],
    [{ subscription: 'from', pendingOut: false, approved: false }, ['request', 'revoke']],
    [{ subscription: 'both', pendingOut: false, approved: false }, ['unsubscribe', 'revoke']],
  ] as const)('%j -> %j', (state, expected) => {
    expect(subscriptionActions(item('x@example.org', state)).map((a) => a.action)).toEqual(expected);
  });
});

describe('bestResource', () => {
  it('between resources of equal priority, the most available one speaks for the contact', () => {
    const resource = (name: string, show: 'chat' | 'online' | 'away' | 'xa' | 'dnd', priority = 1) => ({ resource: name, show, status: null, priority });
    const presence = (...resources: ReturnType<typeof resource>[]): ContactPresence => ({ jid: 'x@example.org', resources });
    expect(bestResource(presence(resource('a', 'dnd'), resource('b', 'xa'), resource('c', 'away')))?.resource).toBe('c');
    expect(bestResource(presence(resource('a', 'away'), resource('b', 'online'), resource('c', 'chat')))?.resource).toBe('c');
    expect(bestResource(presence(resource('a', 'chat', 0), resource('b', 'dnd', 2)))?.resource).toBe('b');
    expect(bestResource(presence())).toBeNull();
  });
});
