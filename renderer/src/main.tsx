import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiProvider } from './ApiContext.js';
import { getApi } from './api.js';
import { applyTheme, loadTheme, windowStorage } from './settings/theme.js';
import './styles.css';

// The chosen theme before the first paint: a dark-theme user never sees a white flash.
applyTheme(document.documentElement, loadTheme(windowStorage()));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={getApi()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
