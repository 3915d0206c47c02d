/**
 * Only our own top-level page may talk to the main process. A frame is trusted when it has no parent and
 * its URL is the page we loaded (same scheme, host and path; hash and query ignored). A URL with credentials
 * (app://evil@hostproof/index.html) is not: the app:// handler refuses to serve it (app-protocol-paths.ts), so
 * whatever runs in such a frame is not our page, and the two checks must agree on what "our page" is.
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
  if (actual.username !== '' || actual.password !== '') return false;
  return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname;
}
