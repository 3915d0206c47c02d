import { RosterStoreProvider } from './contacts/roster-store.js';
import { Shell } from './shell/Shell.js';

/** The window: one roster store for every screen, and the shell that lays the screens out. */
export function App() {
  return (
    <RosterStoreProvider>
      <Shell />
    </RosterStoreProvider>
  );
}
