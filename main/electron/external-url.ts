/**
 * Links in chat are opened in the system browser only after this check: a URL handed to the OS can launch
 * any registered handler (file:, smb:, custom schemes that run programs), so only web and XMPP links pass.
 */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'xmpp:']);

export function isSafeExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) return false;
  // Credentials in a web link are a classic phishing trick (https://bank.example@evil.example/).
  if ((url.protocol === 'http:' || url.protocol === 'https:') && (url.username !== '' || url.password !== '')) return false;
  return true;
}
