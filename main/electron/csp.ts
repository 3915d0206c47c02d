/**
 * The renderer's Content-Security-Policy. One constant feeds both the <meta> tag injected into the built
 * index.html and the response header the session adds, so they cannot disagree.
 * No inline script, no eval, no remote origin of any kind: everything from the network reaches the page
 * as data through IPC, never as a resource it loads.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
