/**
 * "Read" under our newest message the contact has read (issue 14, XEP-0333), where its delivery state would
 * be, with a tick as Conversations and Dino show it. The tick is decoration; the word is what is read aloud.
 */
export function ReadMark({ separated }: { readonly separated: boolean }) {
  return (
    <span className="message__state message__read" data-testid="message-read">
      {separated ? ' · ' : null}
      <span aria-hidden="true" className="message__read-tick">
        ✓✓{' '}
      </span>
      Read
    </span>
  );
}
