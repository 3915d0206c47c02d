/** The history period as Preferences reads it (keep-days.ts): choices, typed days with main's limits, and words. */
import { describe, expect, it } from 'vitest';
import { choiceOf, keepDaysOf, periodText } from '../../../renderer/src/settings/keep-days.js';

describe('the history period in Preferences', () => {
  it('shows a saved setting as its choice, or as typed days', () => {
    expect(choiceOf(null)).toBe('forever');
    expect(choiceOf(90)).toBe('90');
    expect(choiceOf(45)).toBe('custom');
  });

  it('reads the choices and a typed whole number of days from 1 to 3650', () => {
    expect(keepDaysOf('forever', '12')).toEqual({ ok: true, keepDays: null });
    expect(keepDaysOf('365', '')).toEqual({ ok: true, keepDays: 365 });
    expect(keepDaysOf('custom', ' 7 ')).toEqual({ ok: true, keepDays: 7 });
    expect(keepDaysOf('custom', '3650')).toEqual({ ok: true, keepDays: 3650 });
    for (const typed of ['', '0', '3651', '1.5', '-3', 'ten', '1e3']) expect(keepDaysOf('custom', typed).ok).toBe(false);
  });

  it('says the period in words', () => {
    expect([1, 30, 365].map(periodText)).toEqual(['1 day', '30 days', '1 year']);
  });
});
