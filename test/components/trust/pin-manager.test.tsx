import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Pin } from '../../../app/domain/trust.js';
import { ok } from '../../../app/ipc/result.js';
import { PinManager } from '../../../renderer/src/trust/PinManager.js';
import { HOSTING_CERT } from '../fixtures/certificates.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { PIN } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import type { AccountView } from '../../../app/domain/account.js';
import { accountView } from '../fixtures/accounts.js';

const HOSTED_PIN: Pin = {
  ...PIN,
  domain: 'example.com',
  spkiSha256: HOSTING_CERT.spkiSha256,
  certificate: HOSTING_CERT,
  approvedHow: 'replaced',
};

function withPins(initial: Pin[], options: { accounts?: AccountView[]; onOpenAccount?: (id: string) => void } = {}) {
  let pins = initial;
  const fake = fakeApi({
    listPins: () => ok(pins),
    removePin: ({ domain }) => {
      pins = pins.filter((p) => p.domain !== domain);
      return ok(null);
    },
    addPin: ({ domain, spkiSha256 }) => {
      const pin: Pin = { ...PIN, domain, spkiSha256, certificate: null, approvedHow: 'published-fingerprint', lastSeenAt: null };
      pins = [...pins, pin];
      return ok(pin);
    },
    connect: () => ok(null),
  });
  renderWithApi(<PinManager accounts={options.accounts ?? []} {...(options.onOpenAccount ? { onOpenAccount: options.onOpenAccount } : {})} />, fake.api);
  return fake;
}

describe('<PinManager>', () => {
  it('lists every pin with its key, certificate, approval and last use', async () => {
    withPins([PIN, HOSTED_PIN]);
    const items = await screen.findAllByTestId('pin-item');
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    expect(first.textContent).toContain('im.example.com');
    expect(first.querySelector('code')?.dataset.value).toBe(PIN.spkiSha256);
    expect(first.textContent).toContain('CN=Example Trusted Root CA');
    expect(first.textContent).toMatch(/Pinned by you on .*2012/);
    expect(first.textContent).toContain('Last seen');
    expect(second.textContent).toContain('Replaced an older pin');
    expect(second.textContent).toContain('hosting.example.net and xmpp.hosting.example.net');
  });

  it('removes a pin only after confirmation, then shows the new list', async () => {
    const fake = withPins([PIN, HOSTED_PIN]);
    await screen.findAllByTestId('pin-item');
    fireEvent.click(screen.getByRole('button', { name: 'Remove pin for example.com' }));
    const confirm = screen.getByTestId('remove-pin-confirm');
    expect(confirm.textContent).toContain('Remove the pin for example.com?');
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(fake.callsOf('removePin')).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove pin' }));
    await waitFor(() => expect(screen.getAllByTestId('pin-item')).toHaveLength(1));
    expect(fake.callsOf('removePin')).toEqual([{ domain: 'example.com', service: 'xmpp-client' }]);
    expect(screen.queryByTestId('remove-pin-confirm')).toBeNull();
  });

  it('keeps the pin when the confirmation is cancelled (button or Escape)', async () => {
    const fake = withPins([PIN]);
    await screen.findAllByTestId('pin-item');
    fireEvent.click(screen.getByRole('button', { name: 'Remove pin for im.example.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove pin for im.example.com' }));
    fireEvent.keyDown(screen.getByTestId('remove-pin-confirm'), { key: 'Escape' });
    expect(screen.queryByTestId('remove-pin-confirm')).toBeNull();
    expect(fake.callsOf('removePin')).toEqual([]);
    expect(screen.getAllByTestId('pin-item')).toHaveLength(1);
  });

  it('says so when there are no pins', async () => {
    withPins([]);
    expect((await screen.findByTestId('pins-empty')).textContent).toContain('not pinned any key');
  });

  it('links each pin to the accounts that use it', async () => {
    const opened: string[] = [];
    const alice = accountView(undefined, null, { id: '11111111-1111-4111-8111-111111111111', jid: 'alice@im.example.com' });
    const bob = accountView(undefined, null, { id: '22222222-2222-4222-8222-222222222222', jid: 'bob@elsewhere.example' });
    withPins([PIN], { accounts: [alice, bob], onOpenAccount: (id) => opened.push(id) });
    const item = await screen.findByTestId('pin-item');
    const used = within(item).getByTestId('pin-accounts');
    expect(used.textContent).toBe('alice@im.example.com');
    fireEvent.click(within(used).getByRole('button', { name: 'alice@im.example.com' }));
    expect(opened).toEqual([alice.settings.id]);
  });

  it('says since when the pin does not match the server, and replacing starts from a new connection', async () => {
    const alice = accountView(undefined, null, { jid: 'alice@im.example.com' });
    const fake = withPins([{ ...PIN, mismatchSince: '2026-11-30T20:29:00.000Z' }], { accounts: [alice] });
    const warning = await screen.findByTestId('pin-mismatch');
    expect(warning.textContent).toMatch(/Does not match the server since 30 Nov 2026, \d\d:\d\d\./);
    expect(warning.querySelector('time')?.getAttribute('title')).toContain('2026-11-30T20:29:00.000Z');
    fireEvent.click(within(warning).getByRole('button', { name: 'Replace the pinned key…' }));
    await waitFor(() => expect(fake.callsOf('connect')).toEqual([{ accountId: alice.settings.id }]));
    expect(fake.callsOf('addPin')).toEqual([]);
  });

  it('shows no mismatch for a pin that matches', async () => {
    withPins([PIN]);
    await screen.findByTestId('pin-item');
    expect(screen.queryByTestId('pin-mismatch')).toBeNull();
  });

  it('adds a pin from a published fingerprint, sending the canonical base64, and lists it without a certificate', async () => {
    const fake = withPins([]);
    await screen.findByTestId('pins-empty');
    const form = screen.getByTestId('add-pin-form');
    fireEvent.change(within(form).getByLabelText('Domain'), { target: { value: 'noposh.example' } });
    const fingerprint = within(form).getByLabelText("SHA-256 of the server's public key");
    fireEvent.change(fingerprint, { target: { value: 'AB:CD' } });
    expect(form.textContent).toContain('32 bytes');
    fireEvent.click(within(form).getByRole('button', { name: 'Pin this key' }));
    expect(fake.callsOf('addPin')).toEqual([]);
    const hex = Buffer.from(HOSTING_CERT.spkiSha256, 'base64').toString('hex');
    fireEvent.change(fingerprint, { target: { value: hex } });
    fireEvent.click(within(form).getByRole('button', { name: 'Pin this key' }));
    await waitFor(() => expect(fake.callsOf('addPin')).toEqual([{ domain: 'noposh.example', service: 'xmpp-client', spkiSha256: HOSTING_CERT.spkiSha256 }]));
    const item = await screen.findByTestId('pin-item');
    expect(item.textContent).toContain('None seen yet');
    expect(item.textContent).toContain('Pinned by you from a published fingerprint');
    expect(item.textContent).toContain('Not yet');
  });

  it("shows the main process's refusal and keeps what was typed", async () => {
    const fake = fakeApi({ listPins: () => ok([]), addPin: () => ({ ok: false, error: { code: 'failed', message: "Not confirmed in Hostproof's own dialog." } }) });
    renderWithApi(<PinManager />, fake.api);
    const form = await screen.findByTestId('add-pin-form');
    fireEvent.change(within(form).getByLabelText('Domain'), { target: { value: 'example.com' } });
    fireEvent.change(within(form).getByLabelText("SHA-256 of the server's public key"), { target: { value: HOSTING_CERT.spkiSha256 } });
    fireEvent.click(within(form).getByRole('button', { name: 'Pin this key' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Not confirmed');
    expect((within(form).getByLabelText('Domain') as HTMLInputElement).value).toBe('example.com');
  });
});
