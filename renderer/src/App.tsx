import { AboutPanel } from './AboutPanel.js';

export function App() {
  return (
    <main className="app">
      <header className="app-header">
        <h1>Hostproof</h1>
        <p className="tagline">Chat that shows who really runs your server.</p>
      </header>
      <AboutPanel />
    </main>
  );
}
