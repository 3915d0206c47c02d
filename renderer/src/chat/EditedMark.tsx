import { useState } from 'react';
import type { EarlierVersion } from '../../../app/domain/message-changes.js';
import { formatDateTime } from '../common/format-time.js';

/** A small "edited" after a corrected message (XEP-0308); it opens the earlier versions, oldest first. */
export function EditedMark({ earlier }: { readonly earlier: readonly EarlierVersion[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button edited-mark" data-testid="edited-mark" aria-expanded={open} onClick={() => setOpen(!open)}>
        edited
      </button>
      {open ? (
        <ol className="earlier-versions" data-testid="earlier-versions" aria-label="Earlier versions">
          {earlier.map((version, index) => (
            <li key={index}>
              <span className="earlier-versions__text">{version.body}</span>{' '}
              <span className="note">(changed {formatDateTime(version.replacedAt)})</span>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
