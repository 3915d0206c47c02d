/** "Send read markers" in Preferences (issue 14): shows main's saved setting and changes it through main. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReadMarkerSettings } from '../../../app/domain/read-markers.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { ReadMarkersSetting } from '../../../renderer/src/settings/ReadMarkersSetting.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { renderWithApi } from '../render-with-api.js';

function open(saved: ReadMarkerSettings, refuse = false) {
  let current = saved;
  const fake = fakeApi({
    getReadMarkerSettings: () => ok(current),
    setReadMarkerSettings: (p) => {
      if (refuse) return fail('internal', 'the disk is full');
      current = { sendReadMarkers: p.sendReadMarkers };
      return ok(current);
    },
  });
  renderWithApi(<ReadMarkersSetting />, fake.api);
  return fake;
}

const box = async () => (await screen.findByRole('checkbox', { name: 'Send read markers' })) as HTMLInputElement;

describe('the read markers setting', () => {
  it('is on as main says, and turning it off is saved in main', async () => {
    const fake = open({ sendReadMarkers: true });
    expect((await box()).checked).toBe(true);
    expect(screen.getByText(/contacts are not told that you have read their messages/)).toBeTruthy();
    fireEvent.click(await box());
    await waitFor(() => expect(fake.callsOf('setReadMarkerSettings')).toEqual([{ sendReadMarkers: false }]));
    await waitFor(async () => expect((await box()).checked).toBe(false));
  });

  it('shows off when main says off, and keeps it when saving fails', async () => {
    open({ sendReadMarkers: false }, true);
    expect((await box()).checked).toBe(false);
    fireEvent.click(await box());
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Could not save: the disk is full');
    expect((await box()).checked).toBe(false);
  });
});
