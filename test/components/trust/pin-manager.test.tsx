import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Pin } from '../../../app/domain/trust.js';
import { ok } from '../../../app/ipc/result.js';
import { PinManager } from '../../../renderer/src/trust/PinManager.js';
import { HOSTING_CERT } from '../fixtures/certificates.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { PIN } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

const HOSTED_PIN: Pin = {
  ...PIN,
  domain: 'example.com',
  spkiSha256: HOSTING_CERT.spkiSha256,
  certificate: HOSTING_CERT,
  approvedHow: 'replaced',
};

function withPins(initial: Pin[]) {
  let pins = initial;
  const fake = fakeApi({
    listPins: () => ok(pins),
    removePin: ({ domain }) => {
      pins = pins.filter((p) => p.domain !== domain);
      return ok(null);
    },
  });
  renderWithApi(<PinManager />, fake.api);
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
});
