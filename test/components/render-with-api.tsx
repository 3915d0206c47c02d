import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { HostproofApi } from '../../app/ipc/api.js';
import { ApiProvider } from '../../renderer/src/ApiContext.js';

/** Renders a component with the given contract API, as the app does with the preload's. */
export function renderWithApi(ui: ReactElement, api: HostproofApi): RenderResult {
  return render(<ApiProvider api={api}>{ui}</ApiProvider>);
}
