import { describe, expect, it } from 'vitest';
import { toRows } from '../../../renderer/src/chat/message-rows.js';
import { history } from '../fixtures/messages.js';

describe('toRows', () => {
  it('keeps every existing row and its key when an older page of the same day is prepended', () => {
    const day = Date.parse('2012-08-01T10:00:00.000Z');
    const older = history(50, day, 'o');
    const newer = history(50, day + 60 * 60_000, 'n');
    const before = toRows(newer).map((r) => r.key);
    const after = toRows([...older, ...newer]);
    // The page prepended adds its own 50 rows in front and nothing else moves or changes its key.
    expect(after.map((r) => r.key)).toEqual([...older.map((m) => m.id), ...before]);
    // The day's separator now sits on the day's new first message, and only there.
    expect(after.filter((r) => r.dayStartsAt !== null).map((r) => r.key)).toEqual(['o0']);
  });

  it('starts a day separator at the first message of each day', () => {
    const rows = toRows([...history(2, Date.parse('2012-08-01T10:00:00.000Z'), 'a'), ...history(2, Date.parse('2012-08-02T10:00:00.000Z'), 'b')]);
    expect(rows.map((r) => (r.dayStartsAt === null ? r.key : `|${r.key}`))).toEqual(['|a0', 'a1', '|b0', 'b1']);
  });
});
