/**
 * issue 14: files. Whose pictures load by themselves. Kept by main (loading one asks a server someone else
 * chose, which tells them you read the message): the window shows and changes the setting, main applies it.
 */
import { useCallback, useId, useState } from 'react';
import type { AutoLoadPictures } from '../../../app/domain/files.js';
import { AUTO_LOAD_CHOICES } from '../../../app/domain/files.js';
import { useApi } from '../ApiContext.js';
import { ErrorText } from '../common/ErrorText.js';
import { request } from '../common/ipc.js';
import { useLoad } from '../common/use-load.js';

const CHOICE_TEXT: Record<AutoLoadPictures, string> = {
  contacts: 'From my contacts only',
  always: 'From anyone',
  never: 'Never (a "Load" button instead)',
};

export function PictureLoadingSetting() {
  const api = useApi();
  const id = useId();
  const { state: saved, reload } = useLoad(useCallback(() => api.getFilePreferences(), [api]));
  const [error, setError] = useState<string | null>(null);
  const choose = async (autoLoadPictures: AutoLoadPictures) => {
    setError(null);
    const result = await request(() => api.setFilePreferences({ autoLoadPictures }));
    if (!result.ok) setError(`Could not save: ${result.message}`);
    reload();
  };
  return (
    <section aria-labelledby={`${id}-title`} data-testid="picture-loading">
      <h3 id={`${id}-title`} className="section-title">
        Pictures
      </h3>
      {saved.status === 'error' ? <ErrorText message={`Could not read the picture setting: ${saved.message}`} /> : null}
      {saved.status === 'ready' ? (
        <fieldset className="choice-group">
          <legend>Load pictures in conversations by themselves</legend>
          {AUTO_LOAD_CHOICES.map((choice) => (
            <label key={choice} className="check">
              <input type="radio" name={`${id}-auto`} value={choice} checked={saved.value.autoLoadPictures === choice} onChange={() => void choose(choice)} /> {CHOICE_TEXT[choice]}
            </label>
          ))}
        </fieldset>
      ) : null}
      <ErrorText message={error} />
    </section>
  );
}
