/**
 * When the group commit opens and ends transactions: one per turn, committed when the turn is over or when
 * something needs the file committed first, never twice, and a failed commit rolled back and reported.
 */
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../../main/store/messages/group-commit.js';

function rig(options: { failCommit?: boolean } = {}) {
  const calls: string[] = [];
  const turnEnds: Array<() => void> = [];
  const failures: unknown[] = [];
  const group = createGroupCommit({
    begin: () => calls.push('begin'),
    commit: () => {
      calls.push('commit');
      if (options.failCommit) throw new Error('disk full');
    },
    rollback: () => calls.push('rollback'),
    defer: (run) => turnEnds.push(run),
    failed: (error) => failures.push(error),
  });
  const endTurn = () => turnEnds.splice(0).forEach((run) => run());
  return { group, calls, failures, endTurn };
}

describe('group commit', () => {
  it('writes of one turn share one transaction, committed when the turn is over', () => {
    const { group, calls, endTurn } = rig();
    expect(group.within(() => 'a')).toBe('a');
    group.within(() => 'b');
    expect(calls).toEqual(['begin']);
    endTurn();
    expect(calls).toEqual(['begin', 'commit']);
    group.within(() => 'c');
    endTurn();
    expect(calls).toEqual(['begin', 'commit', 'begin', 'commit']);
  });

  it('flush commits at once, and the end of that turn does not commit a later group', () => {
    const { group, calls, endTurn } = rig();
    group.within(() => 'a');
    group.flush();
    group.flush();
    expect(calls).toEqual(['begin', 'commit']);
    group.within(() => 'b');
    // Two ends are scheduled now (the first group's and the second's): only the second commits.
    endTurn();
    expect(calls).toEqual(['begin', 'commit', 'begin', 'commit']);
  });

  it('a commit that fails at the end of a turn is rolled back and reported; flush throws it', () => {
    const deferred = rig({ failCommit: true });
    deferred.group.within(() => 'a');
    deferred.endTurn();
    expect(deferred.calls).toEqual(['begin', 'commit', 'rollback']);
    expect(deferred.failures).toEqual([new Error('disk full')]);

    const flushed = rig({ failCommit: true });
    flushed.group.within(() => 'a');
    expect(() => flushed.group.flush()).toThrow('disk full');
    expect(flushed.calls).toEqual(['begin', 'commit', 'rollback']);
  });

  it('a forgotten group (the database ended it) is neither committed nor rolled back', () => {
    const { group, calls, endTurn } = rig();
    group.within(() => 'a');
    group.forget();
    endTurn();
    group.flush();
    expect(calls).toEqual(['begin']);
  });
});
