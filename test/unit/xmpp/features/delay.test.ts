import { describe, expect, it } from 'vitest';
import { displayTime, parseDateTime } from '../../../../main/xmpp/features/delay.js';

describe('XEP-0082 DateTime', () => {
  it('reads the examples of XEP-0082 §3.2 as the same instant', () => {
    expect(parseDateTime('1969-07-21T02:56:15Z')?.toISOString()).toBe('1969-07-21T02:56:15.000Z');
    expect(parseDateTime('1969-07-20T21:56:15-05:00')?.toISOString()).toBe('1969-07-21T02:56:15.000Z');
  });

  it('keeps milliseconds of a fractional second', () => {
    expect(parseDateTime('2002-09-10T23:08:25.123456Z')?.toISOString()).toBe('2002-09-10T23:08:25.123Z');
    expect(parseDateTime('2002-09-10T23:08:25.5+01:30')?.toISOString()).toBe('2002-09-10T21:38:25.500Z');
  });

  it.each([['2002-09-10'], ['2002-09-10T23:08:25'], ['2002-02-30T00:00:00Z'], ['2002-13-01T00:00:00Z'], ['2002-09-10T24:00:00Z'], ['2002-09-10T23:08:25+25:00'], ['yesterday'], [' 2002-09-10T23:08:25Z']])(
    'rejects %j',
    (text) => {
      expect(parseDateTime(text)).toBeNull();
    },
  );

  it('never shows a claimed time later than now', () => {
    const now = new Date('2024-05-01T12:00:00Z');
    expect(displayTime(new Date('2024-04-01T00:00:00Z'), now)).toBe('2024-04-01T00:00:00.000Z');
    expect(displayTime(new Date('2030-01-01T00:00:00Z'), now)).toBe('2024-05-01T12:00:00.000Z');
    expect(displayTime(null, now)).toBe('2024-05-01T12:00:00.000Z');
  });
});
