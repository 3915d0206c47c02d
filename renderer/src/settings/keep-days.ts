/**
 * The history period as the preferences show it: one of the offered choices, "forever", or a number of days
 * typed by the person (checked here with the same limits main enforces).
 */
import { KEEP_DAYS_CHOICES, MAX_KEEP_DAYS } from '../../../app/domain/history-control.js';

export type KeepChoice = 'forever' | `${(typeof KEEP_DAYS_CHOICES)[number]}` | 'custom';

export const KEEP_CHOICES: readonly KeepChoice[] = ['forever', ...KEEP_DAYS_CHOICES.map((d) => `${d}` as KeepChoice), 'custom'];

/** The choice that shows a saved setting. */
export function choiceOf(keepDays: number | null): KeepChoice {
  if (keepDays === null) return 'forever';
  return (KEEP_DAYS_CHOICES as readonly number[]).includes(keepDays) ? (`${keepDays}` as KeepChoice) : 'custom';
}

export type ParsedKeepDays = { readonly ok: true; readonly keepDays: number | null } | { readonly ok: false; readonly problem: string };

/** What a choice (with the typed number for "custom") means, or why the number cannot be used. */
export function keepDaysOf(choice: KeepChoice, typed: string): ParsedKeepDays {
  if (choice === 'forever') return { ok: true, keepDays: null };
  if (choice !== 'custom') return { ok: true, keepDays: Number(choice) };
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return { ok: false, problem: `Enter a whole number of days, from 1 to ${MAX_KEEP_DAYS}.` };
  const days = Number(text);
  if (days < 1 || days > MAX_KEEP_DAYS) return { ok: false, problem: `Enter a number of days from 1 to ${MAX_KEEP_DAYS}.` };
  return { ok: true, keepDays: days };
}

/** "30 days", "1 year", "1 day". */
export function periodText(keepDays: number): string {
  if (keepDays === 365) return '1 year';
  return `${keepDays} ${keepDays === 1 ? 'day' : 'days'}`;
}
