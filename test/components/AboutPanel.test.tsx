import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../app/ipc/result.js';
import { AboutPanel } from '../../renderer/src/AboutPanel.js';
import { fakeApi } from './fixtures/fake-api.js';
import { renderWithApi } from './render-with-api.js';

describe('<AboutPanel>', () => {
  it('shows what the main process reports, as text', async () => {
    const fake = fakeApi({ getInfo: () => ok({ name: 'Hostproof', version: '0.1.0', platform: 'linux', dataPath: '<b>/home/u</b>', passwordStorage: 'session-only' }) });
    renderWithApi(<AboutPanel />, fake.api);
    expect(await screen.findByTestId('app-version')).toHaveProperty('textContent', '0.1.0');
    // Markup in data stays text: no <b> element is created.
    expect(screen.getByTestId('app-data-path').textContent).toBe('<b>/home/u</b>');
    expect(screen.getByTestId('app-data-path').querySelector('b')).toBeNull();
    expect(fake.callsOf('getInfo')).toEqual([undefined]);
    expect(screen.getByTestId('app-password-storage').textContent).toContain('Not saved');
  });

  it('explains a failure in plain words instead of crashing', async () => {
    const fake = fakeApi({ getInfo: () => fail('internal', 'Something went wrong while handling "getInfo".') });
    renderWithApi(<AboutPanel />, fake.api);
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
  });
});
