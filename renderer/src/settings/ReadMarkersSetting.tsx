/**
 * "Send read markers" (issue 14, XEP-0333): whether contacts are told when you have read their messages. The
 * setting lives in main, which alone sends markers; the box shows what main saved, and changes only when main
 * has saved the new choice. Contacts' own markers are shown either way.
 */
import { useCallback, useId, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { ErrorText } from '../common/ErrorText.js';
import { request } from '../common/ipc.js';
import { CheckboxField } from '../common/TextField.js';
import { useLoad } from '../common/use-load.js';

export const READ_MARKERS_HINT = 'When this is off, contacts are not told that you have read their messages. You still see when they have read yours.';

export function ReadMarkersSetting() {
  const api = useApi();
  const id = useId();
  const { state: saved } = useLoad(useCallback(() => api.getReadMarkerSettings(), [api]));
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (sendReadMarkers: boolean) => {
    setBusy(true);
    setError(null);
    const result = await request(() => api.setReadMarkerSettings({ sendReadMarkers }));
    setBusy(false);
    if (result.ok) setChosen(result.value.sendReadMarkers);
    else setError(`Could not save: ${result.message}`);
  };
  return (
    <section className="read-markers-setting" aria-labelledby={`${id}-title`} aria-busy={busy} data-testid="read-markers-setting">
      <h3 id={`${id}-title`} className="section-title">
        Privacy
      </h3>
      {saved.status === 'error' ? <ErrorText message={`Could not read the read markers setting: ${saved.message}`} /> : null}
      {saved.status === 'loading' ? <p className="note">Reading the read markers setting…</p> : null}
      {saved.status === 'ready' ? (
        <CheckboxField label="Send read markers" checked={chosen ?? saved.value.sendReadMarkers} onChange={(checked) => void change(checked)} hint={READ_MARKERS_HINT} />
      ) : null}
      <ErrorText message={error} />
    </section>
  );
}
