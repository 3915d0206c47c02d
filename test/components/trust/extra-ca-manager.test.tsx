import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ExtraCaView } from '../../../app/domain/extra-ca.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { ExtraCaManager } from '../../../renderer/src/trust/ExtraCaManager.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { renderWithApi } from '../render-with-api.js';

const CORP: ExtraCaView = {
  subject: 'CN=Corp Root, O=Example Corp',
  issuer: 'CN=Corp Root, O=Example Corp',
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2035-01-01T00:00:00.000Z',
  sha256: 'ab'.repeat(32),
  addedAt: '2026-03-04T05:06:07.000Z',
};
const LAB: ExtraCaView = { ...CORP, subject: 'CN=Lab Root', issuer: 'CN=Lab Root', sha256: 'cd'.repeat(32) };

/** A fake main process: the list, plus what "add" answers (its own dialogs are not the window's business). */
function withCas(initial: ExtraCaView[], handlers: FakeHandlers = {}) {
  let cas = initial;
  const fake = fakeApi({
    listExtraCas: () => ok(cas),
    addExtraCa: () => {
      cas = [...cas, LAB];
      return ok([LAB]);
    },
    removeExtraCa: ({ sha256 }) => {
      cas = cas.filter((ca) => ca.sha256 !== sha256);
      return ok(null);
    },
    ...handlers,
  });
  renderWithApi(<ExtraCaManager />, fake.api);
  return fake;
}

describe('<ExtraCaManager>', () => {
  it('says what an added authority means, and lists each with its fingerprint, issuer, expiry and when it was added', async () => {
    withCas([CORP]);
    const [item] = await screen.findAllByTestId('extra-ca-item');
    expect(screen.getByTestId('extra-cas').textContent).toContain('will be trusted as if it were a public one');
    expect(item?.textContent).toContain('CN=Corp Root, O=Example Corp');
    // Colon hex as openssl prints it, like every other fingerprint in the window (switchable to base64).
    expect(item?.querySelector('code')?.textContent).toBe(Array(32).fill('AB').join(':'));
    expect(item?.textContent).toMatch(/Valid until.*2035/);
    expect(item?.textContent).toMatch(/By you on .*2026/);
  });

  it('Add asks main (which shows its own file dialog and confirmation), then shows the new list', async () => {
    const fake = withCas([]);
    await screen.findByTestId('extra-cas-empty');
    fireEvent.click(screen.getByRole('button', { name: 'Add a certificate authority…' }));
    await waitFor(() => expect(screen.getAllByTestId('extra-ca-item')).toHaveLength(1));
    expect(fake.callsOf('addExtraCa')).toEqual([undefined]);
    expect(screen.getByRole('status').textContent).toBe('Added one authority.');
  });

  it("shows main's refusal in plain words and keeps the list", async () => {
    withCas([CORP], { addExtraCa: () => fail('failed', 'server.pem cannot be added. The certificate (CN=server.test) is not a certificate authority.') });
    await screen.findAllByTestId('extra-ca-item');
    fireEvent.click(screen.getByRole('button', { name: 'Add a certificate authority…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is not a certificate authority');
    expect(screen.getAllByTestId('extra-ca-item')).toHaveLength(1);
  });

  it('Remove asks main for that authority by fingerprint, with no dialog of the window in between', async () => {
    const fake = withCas([CORP, LAB]);
    await screen.findAllByTestId('extra-ca-item');
    fireEvent.click(screen.getByRole('button', { name: 'Remove CN=Lab Root' }));
    await waitFor(() => expect(screen.getAllByTestId('extra-ca-item')).toHaveLength(1));
    expect(fake.callsOf('removeExtraCa')).toEqual([{ sha256: LAB.sha256 }]);
  });
});
