import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../main/electron/external-url.js';

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://example.com/path?q=1', true],
    ['http://example.com/', true],
    ['xmpp:romeo@montague.example?message', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://bank.example@evil.example/', false],
    ['https://user:pass@example.com/', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});
