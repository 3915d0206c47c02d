import { useEffect, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { CopyButton } from '../common/CopyButton.js';
import { request } from '../common/ipc.js';
import { fileUrl } from '../common/save-file.js';

type Exported = { readonly fileName: string; readonly json: string; readonly href: string | null };

/**
 * Offers the trust history as a JSON file. A download link over a Blob URL needs no network access (CSP
 * allows none); where Blob URLs are unavailable the JSON is shown read-only with a Copy button instead.
 */
export function TrustLogExport({ accountId }: { readonly accountId: string }) {
  const api = useApi();
  const [exported, setExported] = useState<Exported | null>(null);
  const [showText, setShowText] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const href = exported?.href;
    return () => {
      if (href) URL.revokeObjectURL(href);
    };
  }, [exported]);

  const prepare = async () => {
    setError(null);
    const result = await request(() => api.exportTrustLog({ accountId }));
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const { fileName, json } = result.value;
    const href = fileUrl(json, 'application/json');
    setExported({ fileName, json, href });
    if (href === null) setShowText(true);
  };

  return (
    <div className="export" data-testid="trust-log-export">
      <button type="button" onClick={() => void prepare()}>
        Export as JSON
      </button>
      {error ? <p role="alert">Could not export: {error}</p> : null}
      {exported?.href ? (
        <a className="button-like" href={exported.href} download={exported.fileName} data-testid="trust-log-download">
          Save {exported.fileName}
        </a>
      ) : null}
      {exported ? (
        <button type="button" className="button--link" aria-expanded={showText} onClick={() => setShowText((s) => !s)}>
          {showText ? 'Hide the JSON' : 'Show the JSON'}
        </button>
      ) : null}
      {exported && showText ? (
        <div className="export__text">
          <label>
            {exported.fileName}
            <textarea readOnly value={exported.json} rows={10} data-testid="trust-log-json" spellCheck={false} />
          </label>
          <CopyButton text={exported.json} label="Copy the trust history JSON" />
        </div>
      ) : null}
    </div>
  );
}
