import { useCallback, useId, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { request } from '../common/ipc.js';
import { useLoad } from '../common/use-load.js';
import '../chat/history-control.css';
import { choiceOf, KEEP_CHOICES, keepDaysOf, periodText, type KeepChoice } from './keep-days.js';

const CHOICE_TEXT: Record<Exclude<KeepChoice, 'custom'>, string> = { forever: 'Forever', '30': '30 days', '90': '90 days', '365': '1 year' };

/**
 * How long messages stay on this computer: forever (the default) or a period, after which main deletes them
 * (at start and daily). Saving a period deletes what is older at once, so it is confirmed first.
 */
export function HistoryRetentionSetting() {
  const api = useApi();
  const id = useId();
  const { state: saved, reload } = useLoad(useCallback(() => api.getHistoryRetention(), [api]));
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="history-retention" aria-labelledby={`${id}-title`} data-testid="history-retention">
      <h3 id={`${id}-title`} className="section-title">
        Message history
      </h3>
      {saved.status === 'error' ? <ErrorText message={`Could not read the history setting: ${saved.message}`} /> : null}
      {saved.status === 'loading' ? <p className="note">Reading the history setting…</p> : null}
      {saved.status === 'ready' ? (
        // Keyed by the saved value: the form starts from what is saved, again after each save.
        <RetentionForm
          key={String(saved.value.keepDays)}
          savedDays={saved.value.keepDays}
          onSaved={(text) => {
            setDone(text);
            reload();
          }}
          onEdit={() => setDone(null)}
        />
      ) : null}
      {done ? (
        <p role="status" className="note">
          {done}
        </p>
      ) : null}
    </section>
  );
}

interface RetentionFormProps {
  readonly savedDays: number | null;
  /** Saved: what to tell the person. */
  readonly onSaved: (text: string) => void;
  readonly onEdit: () => void;
}

function RetentionForm({ savedDays, onSaved, onEdit }: RetentionFormProps) {
  const api = useApi();
  const id = useId();
  const [choice, setChoice] = useState<KeepChoice>(() => choiceOf(savedDays));
  const [typed, setTyped] = useState(savedDays === null ? '' : String(savedDays));
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const parsed = keepDaysOf(choice, typed);
  const changed = parsed.ok && parsed.keepDays !== savedDays;

  const save = async (keepDays: number | null) => {
    setBusy(true);
    setError(null);
    const result = await request(() => api.setHistoryRetention({ keepDays }));
    setBusy(false);
    setConfirming(null);
    if (!result.ok) {
      setError(`Could not save: ${result.message}`);
      return;
    }
    const { removed } = result.value;
    onSaved(
      keepDays === null
        ? 'Saved: messages are kept on this computer forever.'
        : `Saved: messages older than ${periodText(keepDays)} are deleted from this computer. ${removed} ${removed === 1 ? 'message was' : 'messages were'} deleted now.`,
    );
  };
  const submit = () => {
    if (!parsed.ok || !changed) return;
    onEdit();
    if (parsed.keepDays === null) void save(null);
    else setConfirming(parsed.keepDays);
  };

  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="choice-group" disabled={busy}>
          <legend>Keep messages on this computer</legend>
          {KEEP_CHOICES.map((c) =>
            c === 'custom' ? (
              <span key={c} className="check">
                <input
                  type="radio"
                  id={`${id}-custom`}
                  name={`${id}-keep`}
                  value={c}
                  checked={choice === c}
                  onChange={() => setChoice(c)}
                />
                <label htmlFor={`${id}-custom`}>For</label>
                <input
                  className="history-retention__days"
                  type="text"
                  inputMode="numeric"
                  aria-label="Number of days"
                  value={typed}
                  onChange={(event) => {
                    setTyped(event.target.value);
                    setChoice('custom');
                  }}
                  aria-invalid={choice === 'custom' && !parsed.ok ? true : undefined}
                  aria-describedby={choice === 'custom' && !parsed.ok ? `${id}-days-error` : undefined}
                  size={5}
                />
                <span>days</span>
              </span>
            ) : (
              <label key={c} className="check">
                <input type="radio" name={`${id}-keep`} value={c} checked={choice === c} onChange={() => setChoice(c)} /> {CHOICE_TEXT[c]}
              </label>
            ),
          )}
        </fieldset>
        {choice === 'custom' && !parsed.ok && typed !== '' ? (
          <p id={`${id}-days-error`} className="field__error">
            {parsed.problem}
          </p>
        ) : null}
        <p className="note">
          Older messages are deleted from this computer when Hostproof starts and once a day. Your server’s archive is not changed.
        </p>
        <div className="toolbar">
          <button type="submit" className="button--primary" disabled={!changed || busy}>
            Save
          </button>
        </div>
      </form>
      <ErrorText message={error} />
      {confirming !== null ? (
        <ConfirmDialog
          title={`Delete messages older than ${periodText(confirming)}?`}
          description={
            <p>
              Messages older than {periodText(confirming)} are deleted from this computer now, and every day from now on. Your
              contacts keep their copies; your server may keep its archive.
            </p>
          }
          confirmLabel="Save and delete old messages"
          busy={busy}
          onConfirm={() => void save(confirming)}
          onCancel={() => setConfirming(null)}
          testId="retention-confirm"
        />
      ) : null}
    </>
  );
}
