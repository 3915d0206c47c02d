/**
 * The history period in Preferences: shows the saved setting, checks a typed number of days, and confirms a
 * period before saving it (saving deletes what is older at once); "forever" needs no confirmation.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HistoryRetention } from '../../../app/domain/history-control.js';
import { ok } from '../../../app/ipc/result.js';
import { Preferences } from '../../../renderer/src/settings/Preferences.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { renderWithApi } from '../render-with-api.js';

function open(saved: HistoryRetention) {
  let current = saved;
  const fake = fakeApi({
    getInfo: () => ok({ name: 'Hostproof', version: '0', platform: 'linux', dataPath: '/x', passwordStorage: 'os-key-store' }),
    getHistoryRetention: () => ok(current),
    setHistoryRetention: (p) => {
      current = { keepDays: p.keepDays };
      return ok({ keepDays: p.keepDays, removed: p.keepDays === null ? 0 : 12 });
    },
  });
  renderWithApi(<Preferences />, fake.api);
  return fake;
}

const section = () => screen.getByTestId('history-retention');
const save = () => within(section()).getByRole('button', { name: 'Save' }) as HTMLButtonElement;

describe('the history period in Preferences', () => {
  it('shows "forever" by default, and saving a period asks first and then says what was deleted', async () => {
    const fake = open({ keepDays: null });
    const forever = (await screen.findByRole('radio', { name: 'Forever' })) as HTMLInputElement;
    await waitFor(() => expect(forever.checked).toBe(true));
    expect(save().disabled).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: '30 days' }));
    fireEvent.click(save());
    const confirm = screen.getByTestId('retention-confirm');
    expect(confirm.textContent).toContain('Delete messages older than 30 days?');
    expect(fake.callsOf('setHistoryRetention')).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Save and delete old messages' }));
    await waitFor(() => expect(fake.callsOf('setHistoryRetention')).toEqual([{ keepDays: 30 }]));
    expect((await within(section()).findByRole('status')).textContent).toBe(
      'Saved: messages older than 30 days are deleted from this computer. 12 messages were deleted now.',
    );
  });

  it('a saved number of days that is not one of the choices shows as typed; a wrong number cannot be saved', async () => {
    const fake = open({ keepDays: 45 });
    const days = (await screen.findByRole('textbox', { name: 'Number of days' })) as HTMLInputElement;
    await waitFor(() => expect(days.value).toBe('45'));
    expect((screen.getByRole('radio', { name: 'For' }) as HTMLInputElement).checked).toBe(true);

    for (const typed of ['0', '3651', 'ten', '2.5']) {
      fireEvent.change(days, { target: { value: typed } });
      expect(save().disabled).toBe(true);
      expect(days.getAttribute('aria-invalid')).toBe('true');
    }
    expect(screen.getByText(/from 1 to 3650/)).toBeTruthy();
    fireEvent.change(days, { target: { value: '7' } });
    fireEvent.click(save());
    fireEvent.click(within(screen.getByTestId('retention-confirm')).getByRole('button', { name: 'Save and delete old messages' }));
    await waitFor(() => expect(fake.callsOf('setHistoryRetention')).toEqual([{ keepDays: 7 }]));
  });

  it('going back to "forever" deletes nothing, so it is saved without asking', async () => {
    const fake = open({ keepDays: 90 });
    await waitFor(() => expect((screen.getByRole('radio', { name: '90 days' }) as HTMLInputElement).checked).toBe(true));
    fireEvent.click(screen.getByRole('radio', { name: 'Forever' }));
    fireEvent.click(save());
    expect(screen.queryByTestId('retention-confirm')).toBeNull();
    await waitFor(() => expect(fake.callsOf('setHistoryRetention')).toEqual([{ keepDays: null }]));
    expect((await within(section()).findByRole('status')).textContent).toBe('Saved: messages are kept on this computer forever.');
  });
});
