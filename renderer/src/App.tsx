import { useApi } from './ApiContext.js';
import { AvatarPicturesProvider } from './common/avatar-pictures.js';
import { RosterStoreProvider } from './contacts/roster-store.js';
import { Shell } from './shell/Shell.js';

/** The window: one roster store and one store of contacts' pictures for every screen, and the shell that lays the screens out. */
export function App() {
  return (
    <RosterStoreProvider>
      <AvatarPicturesProvider api={useApi()}>
        <Shell />
      </AvatarPicturesProvider>
    </RosterStoreProvider>
  );
}
