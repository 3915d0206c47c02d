/**
 * A file the main process built (an export), offered for saving through a download link over a Blob URL:
 * that needs no network access (the CSP allows none). Null where the page cannot make one: then the caller
 * shows the text with a Copy button instead.
 */
export function fileUrl(content: string, mimeType: string): string | null {
  try {
    return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(new Blob([content], { type: mimeType })) : null;
  } catch {
    return null;
  }
}
