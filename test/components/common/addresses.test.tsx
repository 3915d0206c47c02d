/**
 * The window's address model (renderer/src/common/addresses.tsx): the first screen reads plain ASCII names
 * without the IDNA library, the library is loaded after the first render, and what shows a name with a
 * non-ASCII domain renders again with its readable form once it is in.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import tr46 from 'tr46';
import { describe, expect, it, vi } from 'vitest';
import type { IdnaEngine } from '../../../app/domain/address/idna.js';
import { ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { AddressesProvider, useAddresses } from '../../../renderer/src/common/addresses.js';
import { loadWindowStart, WindowStartProvider } from '../../../renderer/src/shell/window-start.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

/** A loader the test answers when it chooses, counting the calls. */
function heldLoader() {
  let release: (engine: IdnaEngine) => void = () => undefined;
  const loaded = new Promise<IdnaEngine>((resolve) => {
    release = resolve;
  });
  const loader = { calls: 0, load: () => (loader.calls++, loaded), release: (engine: IdnaEngine) => release(engine) };
  return loader;
}

function DomainShown({ domain }: { domain: string }) {
  const addresses = useAddresses();
  return (
    <p data-testid="domain" data-complete={String(addresses.complete)}>
      {addresses.domainForPeople(domain)}
    </p>
  );
}

describe("the window's address model", () => {
  it('starts without the IDNA library, asks for it after the first render, and renders again with it', async () => {
    const loader = heldLoader();
    renderWithApi(
      <AddressesProvider loadEngine={loader.load}>
        <DomainShown domain="xn--kln-sna.test" />
        <DomainShown domain="example.com" />
      </AddressesProvider>,
      fakeApi({}).api,
    );
    const [idn, plain] = screen.getAllByTestId('domain') as [HTMLElement, HTMLElement];
    // The first render: the plain name is read, the IDN shows as it came (its A-labels here).
    expect(loader.calls).toBe(0);
    expect(idn.textContent).toBe('xn--kln-sna.test');
    expect(plain.textContent).toBe('example.com');
    expect(idn.dataset['complete']).toBe('false');
    await waitFor(() => expect(loader.calls).toBe(1));
    await act(async () => loader.release(tr46));
    expect(idn.textContent).toBe('köln.test');
    expect(idn.dataset['complete']).toBe('true');
    expect(plain.textContent).toBe('example.com');
  });

  it('names a contact on an internationalised domain by its address until the library is in, then by its local part', async () => {
    const peer = 'anna@köln.test';
    const fake = fakeApi({
      listAccounts: () => ok([accountView({ stage: 'offline' })]),
      listConversations: () => ok([{ peer, lastMessage: message({ id: 'a1', peer, body: 'Hallo' }), unread: 0 }]),
      getRoster: () => ok({ items: [], presence: [] }),
      markRead: () => ok(null),
    });
    const loader = heldLoader();
    const start = await loadWindowStart(fake.api);
    renderWithApi(
      <AddressesProvider loadEngine={loader.load}>
        <WindowStartProvider value={start}>
          <App />
        </WindowStartProvider>
      </AddressesProvider>,
      fake.api,
    );
    const row = screen.getByTestId('conversation');
    expect(within(row).getByText(peer)).toBeTruthy();
    await waitFor(() => expect(loader.calls).toBe(1));
    await act(async () => loader.release(tr46));
    expect(within(row).getByText('anna')).toBeTruthy();
    expect(within(row).queryByText(peer)).toBeNull();
  });

  it('a library that fails to load leaves the plain-ASCII model working, with a warning and no unhandled rejection', async () => {
    const warnings: unknown[][] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    try {
      let fail: (error: Error) => void = () => undefined;
      let calls = 0;
      const load = () => (calls++, new Promise<IdnaEngine>((_, reject) => (fail = reject)));
      renderWithApi(
        <AddressesProvider loadEngine={load}>
          <DomainShown domain="xn--kln-sna.test" />
          <DomainShown domain="Example.COM" />
        </AddressesProvider>,
        fakeApi({}).api,
      );
      await waitFor(() => expect(calls).toBe(1));
      await act(async () => fail(new Error('chunk missing')));
      await waitFor(() => expect(warnings).toHaveLength(1));
      const [idn, plain] = screen.getAllByTestId('domain') as [HTMLElement, HTMLElement];
      expect(idn.textContent).toBe('xn--kln-sna.test');
      expect(plain.textContent).toBe('example.com');
      expect(idn.dataset['complete']).toBe('false');
    } finally {
      warn.mockRestore();
    }
  });
});
