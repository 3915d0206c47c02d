import { describe, expect, it } from 'vitest';
import { toRows } from '../../../renderer/src/chat/message-rows.js';
import { history } from '../fixtures/messages.js';

describe('toRows', () => {
  it('keeps every existing row key when an older page of the same day is prepended', () => {
    const day = Date.parse('2012-08-01T10:00:00.000Z');
    const older = history(50, day, 'o');
    const newer = history(50, day + 60 * 60_000, 'n');
    const before = toRows(newer).map((r) => r.key);
    const after = toRows([...older, ...newer]).map((r) => r.key);
    // The page prepended adds its own 50 message rows and nothing else: the day separator is the same row.
    expect(after).toHaveLength(before.length + 50);
    expect(after.slice(0, 1)).toEqual(before.slice(0, 1));
    expect(after.slice(51)).toEqual(before.slice(1));
    expect(new Set(after).size).toBe(after.length);
  });
});
