/**
 * The conversation's "History" choices: delete (confirmed in a dialog that says what happens to the server's
 * copy), export as JSON or text (offered for saving), and the notice of a server that keeps no archive.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import { ok } from '../../../app/ipc/result.js';
import { ConversationPane, NO_ARCHIVE_TEXT } from '../../../renderer/src/chat/ConversationPane.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

function open(serverKeepsArchive: boolean | null) {
  const deleted: string[] = [];
  const fake = fakeApi({
    loadHistory: () => ok({ messages: [], complete: true }),
    deleteConversationHistory: () => ok({ removed: 3 }),
    exportConversation: (p) =>
      ok({
        fileName: `conversation-${p.peer}.${p.format === 'json' ? 'json' : 'txt'}`,
        mimeType: p.format === 'json' ? 'application/json' : 'text/plain',
        content: p.format === 'json' ? '{"messages":[]}' : '[2012-09-01 12:00:00] bob@example.org: Hello\n',
        messages: 1,
        complete: true,
      }),
  });
  const account: AccountView = { ...accountView({ stage: 'offline' }), serverKeepsArchive };
  renderWithApi(
    <ConversationPane
      account={account}
      peer={PEER}
      name="Bob"
      presence={undefined}
      showAccount={false}
      onOpenSecurity={() => undefined}
      onHistoryDeleted={() => deleted.push(PEER)}
    />,
    fake.api,
  );
  return { fake, deleted };
}

const choose = (name: string) => {
  fireEvent.click(screen.getByRole('button', { name: /History/ }));
  fireEvent.click(screen.getByRole('button', { name }));
};

describe('a conversation\'s history choices', () => {
  it('shows the choices only when opened, and Escape closes them', () => {
    open(null);
    const toggle = screen.getByRole('button', { name: /History/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Delete history…' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('group', { name: 'This conversation’s history' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Export as JSON' }), { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'Export as JSON' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
    // Focus moving elsewhere closes them too; moving within them does not.
    fireEvent.click(toggle);
    fireEvent.blur(toggle, { relatedTarget: screen.getByRole('button', { name: 'Export as text' }) });
    expect(screen.getByRole('button', { name: 'Export as JSON' })).toBeTruthy();
    fireEvent.blur(screen.getByRole('button', { name: 'Export as text' }), { relatedTarget: screen.getByTestId('composer') });
    expect(screen.queryByRole('button', { name: 'Export as JSON' })).toBeNull();
  });

  it('deletes only after confirmation, in a dialog that says the server archive may bring the messages back', async () => {
    const { fake, deleted } = open(null);
    choose('Delete history…');
    const dialog = screen.getByTestId('delete-history-confirm');
    expect(dialog.textContent).toContain('Delete the history with Bob?');
    expect(dialog.textContent).toContain('deleted from this computer');
    expect(dialog.textContent).toContain('Your server may still keep these messages in its archive');
    // Cancel is the default.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('deleteConversationHistory')).toEqual([]);
    expect(screen.queryByTestId('delete-history-confirm')).toBeNull();

    choose('Delete history…');
    fireEvent.click(within(screen.getByTestId('delete-history-confirm')).getByRole('button', { name: 'Delete history' }));
    await waitFor(() => expect(deleted).toEqual([PEER]));
    expect(fake.callsOf('deleteConversationHistory')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER }]);
  });

  it('on a server without an archive: the conversation says so once, and the dialog says nothing can come back', () => {
    open(false);
    expect(screen.getAllByText(NO_ARCHIVE_TEXT)).toHaveLength(1);
    choose('Delete history…');
    expect(screen.getByTestId('delete-history-confirm').textContent).toContain('Your server keeps no message archive, so these messages cannot be brought back.');
  });

  it('a server with an archive (or not known yet) gets no such notice', () => {
    open(true);
    expect(screen.queryByTestId('no-archive-notice')).toBeNull();
  });

  it('exports as text or JSON and offers the file main built', async () => {
    const { fake } = open(true);
    choose('Export as text');
    const dialog = await screen.findByTestId('export-ready');
    expect(fake.callsOf('exportConversation')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER, format: 'text' }]);
    expect(dialog.textContent).toContain('1 message from this computer, as plain text.');
    const link = within(dialog).getByTestId('export-download') as HTMLAnchorElement;
    expect(link.getAttribute('download')).toBe('conversation-bob@example.org.txt');
    expect(document.activeElement).toBe(link);
    expect(link.href).toMatch(/^blob:/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('export-ready')).toBeNull();

    choose('Export as JSON');
    expect((await screen.findByTestId('export-ready')).textContent).toContain('as JSON');
    expect(fake.callsOf('exportConversation').at(-1)).toEqual({ accountId: ACCOUNT_ID, peer: PEER, format: 'json' });
  });
});
