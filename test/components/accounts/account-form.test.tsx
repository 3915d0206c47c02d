import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import type { PasswordStorage } from '../../../app/domain/app-info.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { AccountForm } from '../../../renderer/src/accounts/AccountForm.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

function type(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const APP_INFO = { name: 'Hostproof', version: '1', platform: 'linux', dataPath: '/d' } as const;

function setup(passwordStorage?: PasswordStorage) {
  const done: AccountView[] = [];
  const fake = fakeApi({
    addAccount: (p) => ok(accountView(undefined, null, { jid: p.jid })),
    ...(passwordStorage ? { getInfo: () => ok({ ...APP_INFO, passwordStorage }) } : {}),
  });
  renderWithApi(<AccountForm onDone={(a) => done.push(a)} />, fake.api);
  return { fake, done };
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
const hintOf = (label: string) => {
  const input = screen.getByLabelText(label);
  return (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};
const errorOf = (label: string | RegExp) => {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('<AccountForm> (add)', () => {
  it('does not promise encryption the key store may not give (Linux basic_text keeps it for the session only)', () => {
    setup();
    const remember = screen.getByLabelText('Remember password');
    const hint = (remember.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    expect(hint).toBe("Stored only if your operating system's key store can encrypt it; otherwise kept until Hostproof quits.");
  });

  it('with a key store, offers to remember the password and says it is encrypted by it', async () => {
    setup('os-key-store');
    await waitFor(() => expect(hintOf('Remember password')).toBe("Stored encrypted by your operating system's key store."));
  });

  it('without a key store (main says session only), offers no "Remember password" and says the password is kept until quitting', async () => {
    setup('session-only');
    expect((await screen.findByTestId('password-session-only')).textContent).toContain('kept only until Hostproof quits');
    expect(screen.queryByLabelText('Remember password')).toBeNull();
  });

  it('asks for the address and password in plain words, marks the fields invalid and focuses the first', async () => {
    const { fake } = setup();
    submit();
    expect(errorOf('Chat address')).toContain('Enter your chat address, for example alice@example.com.');
    expect(errorOf('Password')).toContain('Enter your password.');
    expect(screen.getByLabelText('Chat address').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Chat address')));
    expect(fake.callsOf('addAccount')).toEqual([]);
  });

  it.each([
    ['alice', 'A chat address looks like name@example.com'],
    ['alice@', 'The domain is missing'],
    ['a@b@c', 'A chat address has only one @.'],
    ['alice smith@example.com', 'A chat address has no spaces.'],
    ['alice@example.com/phone', 'Leave out the part after “/”'],
    ['alice@example..com', '"example..com" is not a valid domain name.'],
    // The same parser as the main process: no URL-parser rewrites (these once became 1.2.0.3 and example.com).
    ['u@1.2.3', 'looks like an IP address'],
    ['u@exa%6dple.com', '"exa%6dple.com" is not a valid domain name.'],
  ])('rejects the address %j', (jid, message) => {
    setup();
    type('Chat address', jid);
    type('Password', 'secret');
    submit();
    expect(errorOf('Chat address')).toContain(message);
  });

  it('checks the advanced host and port, and opens that section to show the problem', async () => {
    const { fake } = setup();
    type('Chat address', 'alice@example.com');
    type('Password', 'secret');
    fireEvent.click(screen.getByRole('button', { name: /Advanced/ }));
    type('Server host', 'chat example.com');
    type('Port', '70000');
    submit();
    expect(errorOf('Server host')).toContain('can contain only letters, digits, dots, dashes and colons');
    expect(errorOf('Port')).toContain('The port is a number from 1 to 65535.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Server host')));
    type('Server host', '');
    type('Port', '5223');
    submit();
    expect(errorOf('Server host')).toContain('Enter the server host as well');
    expect(fake.callsOf('addAccount')).toEqual([]);
  });

  it('sends exactly the contract payload: server null without advanced settings', async () => {
    const { fake, done } = setup();
    type('Chat address', '  alice@example.com ');
    type('Password', 'correct horse');
    fireEvent.click(screen.getByLabelText('Remember password'));
    submit();
    await waitFor(() => expect(done).toHaveLength(1));
    expect(fake.callsOf('addAccount')).toEqual([
      { jid: 'alice@example.com', password: 'correct horse', rememberPassword: false, server: null, autoConnect: true },
    ]);
  });

  it('sends host, port and direct TLS (default port 5223) when given', async () => {
    const { fake, done } = setup();
    type('Chat address', 'alice@example.com');
    type('Password', 'pw');
    fireEvent.click(screen.getByRole('button', { name: /Advanced/ }));
    type('Server host', 'chat.example.net');
    fireEvent.click(screen.getByLabelText('Direct TLS'));
    submit();
    await waitFor(() => expect(done).toHaveLength(1));
    expect(fake.callsOf('addAccount')[0]?.server).toEqual({ host: 'chat.example.net', port: 5223, directTls: true });
  });

  it("shows the main process's refusal and keeps the form", async () => {
    const fake = fakeApi({ addAccount: () => fail('failed', 'An account for alice@example.com already exists.') });
    renderWithApi(<AccountForm onDone={() => undefined} />, fake.api);
    type('Chat address', 'alice@example.com');
    type('Password', 'pw');
    submit();
    expect((await screen.findByTestId('account-form-error')).textContent).toBe('An account for alice@example.com already exists.');
    expect((screen.getByLabelText('Chat address') as HTMLInputElement).value).toBe('alice@example.com');
  });
});

describe('<AccountForm> (edit)', () => {
  it('keeps the address fixed, sends only what the contract allows, and no password unless one is typed', async () => {
    const account = accountView(undefined, null, { server: { host: 'chat.example.net', port: 5222, directTls: false } });
    const fake = fakeApi({ updateAccount: () => ok(account) });
    const done: AccountView[] = [];
    renderWithApi(<AccountForm existing={account.settings} onDone={(a) => done.push(a)} />, fake.api);
    expect(screen.queryByLabelText('Chat address')).toBeNull();
    expect((screen.getByLabelText('Server host') as HTMLInputElement).value).toBe('chat.example.net');
    type('Port', '5269');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(done).toHaveLength(1));
    expect(fake.callsOf('updateAccount')).toEqual([
      { accountId: ACCOUNT_ID, server: { host: 'chat.example.net', port: 5269, directTls: false }, rememberPassword: true, autoConnect: true },
    ]);
  });
});
