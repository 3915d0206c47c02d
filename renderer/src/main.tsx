import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiProvider } from './ApiContext.js';
import { getApi } from './api.js';
import { AddressesProvider } from './common/addresses.js';
import { applyTheme, loadTheme, windowStorage } from './settings/theme.js';
import { loadWindowStart, WindowStartProvider } from './shell/window-start.js';
import './styles.css';

// The chosen theme before the first paint: a dark-theme user never sees a white flash.
applyTheme(document.documentElement, loadTheme(windowStorage()));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const api = getApi();
// The IDNA library, in a chunk of its own: loaded after the first frame (see common/addresses.tsx).
const loadIdnaEngine = () => import('tr46').then((module) => module.default);
// The first render waits for the accounts and their conversation lists (see window-start.ts): one render of the
// whole first screen instead of an empty window, then the accounts, then the lists.
void loadWindowStart(api).then((start) =>
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={api}>
        <AddressesProvider loadEngine={loadIdnaEngine}>
          <WindowStartProvider value={start}>
            <App />
          </WindowStartProvider>
        </AddressesProvider>
      </ApiProvider>
    </StrictMode>,
  ),
);
