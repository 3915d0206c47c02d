/** A failure in plain words, announced to screen readers; nothing when there is none. */
export function ErrorText({ message }: { readonly message: string | null | undefined }) {
  return message ? (
    <p role="alert" className="error-text">
      {message}
    </p>
  ) : null;
}
