import { useCallback, useId, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { useLoad } from '../common/use-load.js';
import { HistoryRetentionSetting } from './HistoryRetentionSetting.js';
import { ReadMarkersSetting } from './ReadMarkersSetting.js';
import { PictureLoadingSetting } from './PictureLoadingSetting.js'; // issue 14: files
import { applyTheme, loadTheme, saveTheme, THEME_CHOICES, windowStorage, type ThemeChoice } from './theme.js';

const THEME_TEXT: Record<ThemeChoice, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

/**
 * Preferences that belong to this computer: the colour theme, how long message history is kept, and where
 * passwords are kept (a fact, shown).
 */
export function Preferences() {
  const api = useApi();
  const id = useId();
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme(windowStorage()));
  const { state: info } = useLoad(useCallback(() => api.getInfo(), [api]));
  const choose = (choice: ThemeChoice) => {
    setTheme(choice);
    applyTheme(document.documentElement, choice);
    saveTheme(windowStorage(), choice);
  };
  return (
    <section className="panel preferences" aria-labelledby={`${id}-title`} data-testid="preferences">
      <h2 id={`${id}-title`}>Preferences</h2>
      <fieldset className="choice-group">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice} className="check">
            <input type="radio" name={`${id}-theme`} value={choice} checked={theme === choice} onChange={() => choose(choice)} /> {THEME_TEXT[choice]}
          </label>
        ))}
      </fieldset>
      <HistoryRetentionSetting />
      <ReadMarkersSetting /> {/* issue 14: read markers */}
      {/* issue 14: files */}
      <PictureLoadingSetting />
      <h3 className="section-title">Passwords</h3>
      <p data-testid="password-storage-fact">
        {info.status !== 'ready'
          ? 'Checking where passwords can be kept…'
          : info.value.passwordStorage === 'os-key-store'
            ? 'Passwords you ask Hostproof to remember are encrypted with your system’s key store.'
            : 'This system offers no key store Hostproof can use: passwords are kept only until Hostproof closes.'}
      </p>
    </section>
  );
}
