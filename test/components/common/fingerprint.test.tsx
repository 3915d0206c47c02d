/**
 * Fingerprints in both forms people compare (colon hex as openssl prints it, base64 as POSH and pins keep it),
 * copied exactly as shown; and the paste-to-compare field that does the comparing for the person.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Fingerprint } from '../../../renderer/src/common/Fingerprint.js';
import { FingerprintCompare } from '../../../renderer/src/common/FingerprintCompare.js';
import { Time } from '../../../renderer/src/common/Time.js';
import { HumanText } from '../../../renderer/src/common/HumanText.js';

const digest = createHash('sha256').update('key').digest();
const BASE64 = digest.toString('base64');
const COLON_HEX = digest.toString('hex').toUpperCase().match(/../g)!.join(':');
const OTHER = createHash('sha256').update('certificate').digest();

afterEach(() => vi.unstubAllGlobals());

describe('<Fingerprint>', () => {
  it('shows colon hex first and switches to base64; copy copies the exact text shown', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    render(<Fingerprint label="SHA-256 of the public key" value={BASE64} />);
    const code = document.querySelector('code');
    expect(code?.textContent).toBe(COLON_HEX);
    fireEvent.click(screen.getByRole('button', { name: 'Copy SHA-256 of the public key' }));
    expect(writeText).toHaveBeenLastCalledWith(COLON_HEX);
    const formats = screen.getByRole('group', { name: 'Show SHA-256 of the public key as' });
    fireEvent.click(within(formats).getByRole('button', { name: 'Base64' }));
    expect(within(formats).getByRole('button', { name: 'Base64' }).getAttribute('aria-pressed')).toBe('true');
    expect(code?.textContent?.replace(/ /g, '')).toBe(BASE64);
    fireEvent.click(screen.getByRole('button', { name: 'Copy SHA-256 of the public key' }));
    expect(writeText).toHaveBeenLastCalledWith(BASE64);
  });
});

describe('<FingerprintCompare>', () => {
  const known = [
    { what: 'the public key', value: BASE64 },
    { what: 'the certificate', value: OTHER.toString('base64') },
  ];
  const paste = (text: string) => {
    fireEvent.change(screen.getByLabelText('Paste the fingerprint your provider gave you'), { target: { value: text } });
    return screen.getByRole('status');
  };

  it.each([
    ['colon hex', COLON_HEX],
    ['lower-case hex without colons', digest.toString('hex')],
    ['base64', BASE64],
  ])('says "match" for %s of the key', (_name, text) => {
    render(<FingerprintCompare known={known} subject="this server" />);
    const result = paste(text);
    expect(result.dataset.result).toBe('match');
    expect(result.textContent).toBe('✓ Match: this is the SHA-256 of the public key.');
  });

  it('names which fingerprint matched', () => {
    render(<FingerprintCompare known={known} subject="this server" />);
    expect(paste(OTHER.toString('hex')).textContent).toContain('of the certificate');
  });

  it('says "no match" for another SHA-256, and what is wrong with text that is no fingerprint', () => {
    render(<FingerprintCompare known={known} subject="this server" />);
    const other = createHash('sha256').update('attacker').digest('hex');
    expect(paste(other).dataset.result).toBe('no-match');
    expect(screen.getByRole('status').textContent).toContain('No match');
    expect(paste('AB:CD').dataset.result).toBe('unreadable');
    expect(screen.getByRole('status').textContent).toContain('32 bytes');
  });
});

describe('<Time>', () => {
  it('shows a human date with the full value on hover, and durations in words', () => {
    const { container } = render(
      <>
        <Time iso="2026-11-30T20:29:00.000Z" />
        <Time iso="2026-11-30T21:29:00.000Z" as="relative" now={Date.parse('2026-11-30T20:29:00.000Z')} />
      </>,
    );
    const [absolute, relative] = [...container.querySelectorAll('time')];
    expect(absolute?.textContent).toMatch(/^\d{1,2} Nov 2026, \d{2}:\d{2}$/);
    expect(absolute?.getAttribute('title')).toContain('2026-11-30T20:29:00.000Z');
    expect(absolute?.getAttribute('dateTime')).toBe('2026-11-30T20:29:00.000Z');
    expect(relative?.textContent).toBe('in 1 hour');
  });
});

describe('<HumanText>', () => {
  it('shows the ISO dates inside engine text in human form, with the full value on hover', () => {
    const { container } = render(<HumanText text="Issued by CN=<b>x</b>; valid from 2026-11-30T03:45:33.000Z to 2026-12-31T03:45:33.000Z. Pinned on 2026-12-01." />);
    expect(container.textContent).toMatch(/^Issued by CN=<b>x<\/b>; valid from 30 Nov 2026, \d\d:\d\d to 31 Dec 2026, \d\d:\d\d\. Pinned on 1 Dec 2026\.$/);
    expect(container.querySelector('b')).toBeNull();
    expect([...container.querySelectorAll('time')].map((t) => t.getAttribute('dateTime'))).toEqual(['2026-11-30T03:45:33.000Z', '2026-12-31T03:45:33.000Z', '2026-12-01']);
  });

  it('shows a duration in seconds in words, with the seconds on hover', () => {
    const { container } = render(<HumanText text="1 certificate fingerprint(s) (sha-256); expires in 3600 s" />);
    expect(container.textContent).toBe('1 certificate fingerprint(s) (sha-256); expires in 1 hour');
    expect(container.querySelector('span')?.getAttribute('title')).toBe('3600 seconds');
  });
});
