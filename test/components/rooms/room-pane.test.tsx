import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { nickColour } from '../../../renderer/src/rooms/Nick.js';
import { FEDERATED_TEXT } from '../../../renderer/src/rooms/RoomHeader.js';
import { RoomPane } from '../../../renderer/src/rooms/RoomPane.js';
import type { RoomEntry } from '../../../renderer/src/rooms/rooms-reducer.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { renderWithApi } from '../render-with-api.js';
import { roomMessage, summary } from './room-fixtures.js';

const entry = (overrides: Partial<RoomEntry> = {}): RoomEntry => ({
  summary: summary(),
  unread: 0,
  events: 1,
  lines: [
    { kind: 'event', id: 'event-1', text: 'Dave joined the room.' },
    { kind: 'message', message: roomMessage({ id: 'a', nick: 'bob', body: '<img src=x onerror=alert(1)> hi' }) },
    { kind: 'message', message: roomMessage({ id: 'b', nick: 'carol', body: 'hello bob' }) },
    { kind: 'message', message: roomMessage({ id: 'c', nick: 'alice', direction: 'out', state: 'delivered', body: 'morning' }) },
  ],
  ...overrides,
});

function renderPane(e: RoomEntry = entry(), onSend = async (_body: string) => null as string | null) {
  const { api } = fakeApi();
  return renderWithApi(<RoomPane entry={e} account={accountView()} showAccount={false} onSend={onSend} onLeave={async () => null} onOpenSecurity={() => undefined} />, api);
}

describe('<RoomPane>', () => {
  it('shows the name, subject and head count, and every message with its sender nickname on a stable colour', () => {
    renderPane();
    const header = screen.getByTestId('room-header');
    expect(within(header).getByText('team')).toBeTruthy();
    expect(screen.getByTestId('room-subject').textContent).toBe('Plans for the week');
    expect(screen.getByTestId('room-count').textContent).toBe('3 people');
    const messages = screen.getAllByTestId('room-message');
    const nicks = messages.map((m) => within(m).getByTestId('room-nick'));
    expect(nicks.map((n) => n.textContent)).toEqual(['bob', 'carol', 'You']);
    // The same nickname, the same colour (XEP-0392 hue); another nickname, another.
    expect(nicks[0]?.getAttribute('data-colour')).toBe(nickColour('bob'));
    expect(nicks[1]?.getAttribute('data-colour')).toBe(nickColour('carol'));
    expect(nickColour('bob')).not.toBe(nickColour('carol'));
    expect(nickColour('bob')).toBe(nickColour('bob'));
    // Network text stays text.
    expect(messages[0]?.textContent).toContain('<img src=x onerror=alert(1)> hi');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('room-event').textContent).toBe('Dave joined the room.');
  });

  it("shows the room's own name in its header when it has one, with the address beneath", () => {
    renderPane(entry({ summary: summary({ name: 'Planning team' }) }));
    const header = screen.getByTestId('room-header');
    expect(within(header).getByRole('heading').textContent).toBe('Planning team');
    expect(header.textContent).toContain(summary().room);
    expect(screen.getByTestId('room-pane').getAttribute('aria-label')).toBe('Room Planning team');
  });

  it('shows the identity badge for a room on our server, and a plain note for a federated one', () => {
    const { unmount } = renderPane();
    expect(screen.queryByTestId('room-reach')).toBeNull();
    unmount();
    renderPane(entry({ summary: summary({ reach: 'federated', room: 'talk@conference.elsewhere.test' }) }));
    expect(screen.getByTestId('room-reach').textContent).toBe(FEDERATED_TEXT);
  });

  it('opens the people panel grouped by role, with affiliation and real address when known', () => {
    renderPane();
    expect(screen.queryByTestId('occupant-panel')).toBeNull();
    fireEvent.click(screen.getByTestId('toggle-occupants'));
    const panel = screen.getByTestId('occupant-panel');
    const moderators = within(panel).getByRole('region', { name: 'Moderators' });
    expect(moderators.textContent).toContain('alice');
    expect(moderators.textContent).toContain('(you)');
    expect(moderators.textContent).toContain('owner');
    expect(moderators.textContent).toContain('alice@example.com');
    expect(within(panel).getByRole('region', { name: 'Participants' }).textContent).toContain('bob');
    expect(within(panel).getByRole('region', { name: 'Visitors (cannot write)' }).textContent).toContain('carol');
    expect(screen.getByTestId('toggle-occupants').getAttribute('aria-expanded')).toBe('true');
  });

  it('sends with Enter and keeps the draft with the reason when the room cannot take it', async () => {
    const sent: string[] = [];
    renderPane(entry(), async (body) => {
      sent.push(body);
      return sent.length === 1 ? 'You are not in this room.' : null;
    });
    const box = screen.getByTestId('room-composer') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'hi all' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('You are not in this room.'));
    expect(box.value).toBe('hi all');
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(box.value).toBe(''));
    expect(sent).toEqual(['hi all', 'hi all']);
  });
});
