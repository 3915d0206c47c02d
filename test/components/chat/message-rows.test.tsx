import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { GROUP_GAP_MS, type Row, toRows } from '../../../renderer/src/chat/message-rows.js';
import { history, message } from '../fixtures/messages.js';

const MINUTE = 60_000;
const AT = Date.parse('2012-08-01T10:00:00.000Z');

/** A message `minutes` after AT; received from bob unless told otherwise. */
const at = (id: string, minutes: number, extra: Partial<ChatMessage> = {}) =>
  message({ id, at: new Date(AT + minutes * MINUTE).toISOString(), ...extra });
const out = (id: string, minutes: number, extra: Partial<ChatMessage> = {}) => at(id, minutes, { direction: 'out', state: 'delivered', ...extra });

/** Rows drawn as "[a b c] [d]": each bracket one group. */
function groups(rows: readonly Row[]): string {
  return rows.map((r) => `${r.groupStart ? '[' : ''}${r.key}${r.groupEnd ? ']' : ''}`).join(' ');
}

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

describe('toRows groups', () => {
  it('groups three messages from bob within two minutes, and starts a new group ten minutes later', () => {
    expect(groups(toRows([at('a', 0), at('b', 1), at('c', 2), at('d', 12)]))).toBe('[a b c] [d]');
  });

  it(`continues a group up to ${GROUP_GAP_MS / MINUTE} minutes after the previous message, not a millisecond more`, () => {
    const late = message({ id: 'c', at: new Date(AT + 2 * GROUP_GAP_MS + 1).toISOString() });
    expect(groups(toRows([at('a', 0), at('b', GROUP_GAP_MS / MINUTE), late]))).toBe('[a b] [c]');
  });

  it('starts a group when the sender changes: our reply, another peer, or our own message sent from another device', () => {
    expect(groups(toRows([at('a', 0), out('b', 1), out('c', 2), at('d', 3), at('e', 3, { peer: 'carol@example.org' })]))).toBe('[a] [b c] [d] [e]');
    expect(groups(toRows([out('a', 0), out('b', 1, { carbon: true }), out('c', 2, { carbon: true })]))).toBe('[a] [b c]');
  });

  it('starts a group on a new local day, even a minute after the last message', () => {
    const evening = new Date(2012, 7, 1, 23, 59, 30);
    const rows = toRows([
      message({ id: 'a', at: evening.toISOString() }),
      message({ id: 'b', at: new Date(evening.getTime() + MINUTE).toISOString() }),
    ]);
    expect(groups(rows)).toBe('[a] [b]');
    expect(rows[1]?.dayStartsAt).not.toBeNull();
  });

  it('lets an older page join the group of the first message shown, keeping every key', () => {
    const shown = toRows([at('c', 10), at('d', 11)]);
    const after = toRows([at('a', 8), at('b', 9), at('c', 10), at('d', 11)]);
    expect(groups(shown)).toBe('[c d]');
    expect(groups(after)).toBe('[a b c d]');
    expect(after.slice(2).map((r) => r.key)).toEqual(shown.map((r) => r.key));
  });

  it('writes "Delivered" once under a delivered run, but every state that differs, is sending or failed', () => {
    const shows = (rows: readonly Row[]) => rows.filter((r) => r.showsState).map((r) => r.key);
    expect(shows(toRows([out('a', 0), out('b', 1), out('c', 2)]))).toEqual(['c']);
    // "Delivered" under c must not speak for a, which is only sent.
    expect(shows(toRows([out('a', 0, { state: 'sent' }), out('b', 1), out('c', 2)]))).toEqual(['a', 'c']);
    expect(shows(toRows([out('a', 0, { state: 'queued' }), out('b', 1, { state: 'queued' }), out('c', 2, { state: 'failed' }), out('d', 3, { state: 'failed' })]))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    // Received messages have no state to show.
    expect(shows(toRows([at('a', 0), at('b', 1)]))).toEqual([]);
  });
});
