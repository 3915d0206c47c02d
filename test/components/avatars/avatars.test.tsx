/**
 * Avatars and nicknames in the window (issue 14): pictures come only from main's getAvatar as data: URLs of
 * the four picture types, are asked again when main says one changed, and the initials stay otherwise; a
 * contact's nickname shows where the roster gives no name; our own picture is changed and removed in settings.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { ok, fail } from '../../../app/ipc/result.js';
import { OwnAvatar } from '../../../renderer/src/accounts/OwnAvatar.js';
import { ConversationList } from '../../../renderer/src/chat/ConversationList.js';
import type { ConversationEntry } from '../../../renderer/src/chat/conversations-reducer.js';
import { AvatarPicturesProvider } from '../../../renderer/src/common/avatar-pictures.js';
import { nameFor } from '../../../renderer/src/contacts/contact-names.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { ACCOUNT_ID, PKIX_VERDICT, SRV_TO_OWN } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

const PNG_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const NOW = Date.parse('2012-09-01T18:00:00.000Z');
const PEERS = ['anna@example.org', 'ben@example.org', 'cleo@example.org'];
const CONVERSATIONS: ConversationEntry[] = PEERS.map((peer, i) => ({
  accountId: ACCOUNT_ID,
  peer,
  lastMessage: message({ id: `m${i}`, peer, body: `hello ${i}`, at: '2012-09-01T12:03:00.000Z' }),
  unread: 0,
}));
const names = (_account: string, address: string) => nameFor(undefined, address, { jidOrNull });

const rowOf = (peer: string) => screen.getAllByTestId('conversation').find((row) => row.getAttribute('data-peer') === peer) as HTMLElement;

describe('contacts\' pictures in the conversation list', () => {
  it('shows main\'s picture, keeps initials for none or for anything that is not a data: picture, and follows changes', async () => {
    const pictures = new Map<string, string | null>([
      ['anna@example.org', PNG_URL],
      ['ben@example.org', 'https://tracker.example/pixel.png'],
    ]);
    const fake = fakeApi({ getAvatar: ({ jid }) => ok(pictures.get(jid) ?? null) });
    renderWithApi(
      <AvatarPicturesProvider api={fake.api}>
        <ConversationList conversations={CONVERSATIONS} open={null} onOpen={() => undefined} nameOf={names} accountLabel={null} now={NOW} />
      </AvatarPicturesProvider>,
      fake.api,
    );
    await waitFor(() => expect(within(rowOf('anna@example.org')).getByTestId('avatar-picture').getAttribute('src')).toBe(PNG_URL));
    // A remote address is never loaded: the window shows only what main checked and encoded.
    expect(within(rowOf('ben@example.org')).queryByTestId('avatar-picture')).toBeNull();
    expect(within(rowOf('ben@example.org')).getByTestId('avatar').textContent).toBe('B');
    expect(within(rowOf('cleo@example.org')).queryByTestId('avatar-picture')).toBeNull();
    expect(fake.callsOf('getAvatar').map((p) => p.jid).sort()).toEqual(PEERS);

    pictures.set('cleo@example.org', PNG_URL);
    pictures.set('anna@example.org', null);
    fake.emit('avatarChanged', { accountId: ACCOUNT_ID, jid: 'cleo@example.org' });
    fake.emit('avatarChanged', { accountId: ACCOUNT_ID, jid: 'anna@example.org' });
    await waitFor(() => expect(within(rowOf('cleo@example.org')).queryByTestId('avatar-picture')).not.toBeNull());
    await waitFor(() => expect(within(rowOf('anna@example.org')).queryByTestId('avatar-picture')).toBeNull());
    expect(within(rowOf('anna@example.org')).getByTestId('avatar').textContent).toBe('A');
  });
});

it('keeps following changes under StrictMode\'s mount, unmount and mount again', async () => {
  let picture: string | null = null;
  const fake = fakeApi({ getAvatar: () => ok(picture) });
  renderWithApi(
    <StrictMode>
      <AvatarPicturesProvider api={fake.api}>
        <ConversationList conversations={CONVERSATIONS.slice(0, 1)} open={null} onOpen={() => undefined} nameOf={names} accountLabel={null} now={NOW} />
      </AvatarPicturesProvider>
    </StrictMode>,
    fake.api,
  );
  await waitFor(() => expect(fake.callsOf('getAvatar').length).toBeGreaterThan(0));
  picture = PNG_URL;
  fake.emit('avatarChanged', { accountId: ACCOUNT_ID, jid: 'anna@example.org' });
  await waitFor(() => expect(within(rowOf('anna@example.org')).queryByTestId('avatar-picture')).not.toBeNull());
});

describe('names', () => {
  it('the roster name first, then the contact\'s own nickname, then the part before "@"', () => {
    const item = { jid: 'bob@example.org', name: 'Robert', groups: [], subscription: 'both' as const, pendingOut: false, approved: false };
    expect(nameFor(item, 'bob@example.org', { jidOrNull }, 'Bobby')).toBe('Robert');
    expect(nameFor({ ...item, name: null }, 'bob@example.org', { jidOrNull }, 'Bobby')).toBe('Bobby');
    expect(nameFor(undefined, 'bob@example.org', { jidOrNull })).toBe('bob');
  });
});

describe('<OwnAvatar> in settings', () => {
  const online = accountView(
    { stage: 'online', endpoint: SRV_TO_OWN, verdict: PKIX_VERDICT, fullJid: 'alice@example.com/desk', login: { mechanism: 'SCRAM-SHA-1', channelBinding: null } },
    PKIX_VERDICT,
  );

  it('sends the chosen file\'s bytes to main, shows main\'s refusal in its words, and removes the picture', async () => {
    let current: string | null = null;
    const fake = fakeApi({
      getAvatar: () => ok(current),
      setOwnAvatar: ({ image }) => {
        if (image === Buffer.from('not a picture').toString('base64')) return fail('failed', 'That file is not a picture Hostproof can show (PNG, JPEG, GIF or WebP).');
        current = PNG_URL;
        return ok(null);
      },
      removeOwnAvatar: () => {
        current = null;
        return ok(null);
      },
    });
    renderWithApi(
      <AvatarPicturesProvider api={fake.api}>
        <OwnAvatar account={online} />
      </AvatarPicturesProvider>,
      fake.api,
    );
    const file = screen.getByTestId('own-avatar-file');
    fireEvent.change(file, { target: { files: [new File(['not a picture'], 'a.png', { type: 'image/png' })] } });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'That file is not a picture Hostproof can show (PNG, JPEG, GIF or WebP).');

    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    fireEvent.change(file, { target: { files: [new File([bytes], 'me.png', { type: 'image/png' })] } });
    await waitFor(() => expect(fake.callsOf('setOwnAvatar')).toHaveLength(2));
    expect(fake.callsOf('setOwnAvatar')[1]).toEqual({ accountId: ACCOUNT_ID, image: Buffer.from(bytes).toString('base64') });
    fake.emit('avatarChanged', { accountId: ACCOUNT_ID, jid: 'alice@example.com' });
    await waitFor(() => expect(within(screen.getByTestId('own-avatar')).queryByTestId('avatar-picture')).not.toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Remove picture' }));
    await waitFor(() => expect(fake.callsOf('removeOwnAvatar')).toEqual([{ accountId: ACCOUNT_ID }]));
    fake.emit('avatarChanged', { accountId: ACCOUNT_ID, jid: 'alice@example.com' });
    await waitFor(() => expect(within(screen.getByTestId('own-avatar')).queryByTestId('avatar-picture')).toBeNull());
  });

  it('refuses a file over 8 MB in the window already, and needs the account online', () => {
    const fake = fakeApi({ getAvatar: () => ok(null) });
    const { unmount } = renderWithApi(<OwnAvatar account={online} />, fake.api);
    const huge = new File([new Uint8Array(8 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('own-avatar-file'), { target: { files: [huge] } });
    expect(screen.getByRole('alert').textContent).toBe('That picture is too big. Choose one under 8 MB.');
    expect(fake.callsOf('setOwnAvatar')).toEqual([]);
    unmount();
    renderWithApi(<OwnAvatar account={accountView({ stage: 'offline' })} />, fake.api);
    expect(screen.getByRole('button', { name: 'Change picture…' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Connect this account to change its picture.')).toBeTruthy();
  });
});
