import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { HostproofApi } from '../../app/ipc/api.js';
import { ApiProvider } from '../../renderer/src/ApiContext.js';
import { FrameSchedulerProvider, type FrameScheduler } from '../../renderer/src/common/frame-batch.js';
import { RosterStoreProvider } from '../../renderer/src/contacts/roster-store.js';

/** Runs batched work at once: each event is its own batch, so tests that look right after an event see it. */
export const immediateScheduler: FrameScheduler = (run) => {
  run();
  return () => undefined;
};

/**
 * Renders a component with the given contract API, as the app does with the preload's, inside the window's
 * roster store. Event batches run at
 * once unless the test passes a scheduler (a manual one proves what happens within one frame).
 */
export function renderWithApi(ui: ReactElement, api: HostproofApi, scheduler: FrameScheduler = immediateScheduler): RenderResult {
  return render(
    <ApiProvider api={api}>
      <FrameSchedulerProvider scheduler={scheduler}>
        <RosterStoreProvider>{ui}</RosterStoreProvider>
      </FrameSchedulerProvider>
    </ApiProvider>,
  );
}
