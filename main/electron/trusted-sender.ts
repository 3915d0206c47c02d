/**
 * Only our own top-level page may talk to the main process. A frame is trusted when it has no parent and
 * its URL is the page we loaded (same scheme, host and path; hash and query ignored).
 */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined, appPageUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(frame.url);
    expected = new URL(appPageUrl);
  } catch {
    return false;
  }
  return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname;
}
