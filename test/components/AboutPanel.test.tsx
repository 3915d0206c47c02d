import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HostproofApi } from '../../app/ipc/api.js';
import { fail, ok } from '../../app/ipc/result.js';
import { ApiProvider } from '../../renderer/src/ApiContext.js';
import { AboutPanel } from '../../renderer/src/AboutPanel.js';
import { partialApi } from '../harness/partial-api.js';

function apiAnswering(getInfo: HostproofApi['getInfo']): HostproofApi {
  return partialApi({ getInfo });
}

describe('<AboutPanel>', () => {
  it('shows what the main process reports, as text', async () => {
    const api = apiAnswering(async () => ok({ name: 'Hostproof', version: '0.1.0', platform: 'linux', dataPath: '<b>/home/u</b>' }));
    render(
      <ApiProvider api={api}>
        <AboutPanel />
      </ApiProvider>,
    );
    expect(await screen.findByTestId('app-version')).toHaveProperty('textContent', '0.1.0');
    // Markup in data stays text: no <b> element is created.
    expect(screen.getByTestId('app-data-path').textContent).toBe('<b>/home/u</b>');
    expect(screen.getByTestId('app-data-path').querySelector('b')).toBeNull();
  });

  it('explains a failure in plain words instead of crashing', async () => {
    const api = apiAnswering(async () => fail('internal', 'Something went wrong while handling "getInfo".'));
    render(
      <ApiProvider api={api}>
        <AboutPanel />
      </ApiProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
  });
});
