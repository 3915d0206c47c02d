/**
 * A small padlock, closed or open (its shackle stops short of the body), drawn in the text's colour so both themes keep their contrast. Decoration
 * only: whoever shows it gives the words (an emoji lock would take the font's colours and size instead).
 */
export function LockIcon({ open = false }: { readonly open?: boolean }) {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d={open ? 'M5 7V4a3 3 0 0 1 6 0v1' : 'M5 7V4.5a3 3 0 0 1 6 0V7'} fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}
