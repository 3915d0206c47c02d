/**
 * One operation at a time per Signal session: jobs with the same key run in order, each after the previous one
 * settled (a failure included), while jobs with other keys are not held up.
 */
import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../../main/omemo/keyed-queue.js';

describe('the keyed queue', () => {
  it('runs jobs of one key in order and jobs of other keys beside them', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('bob/1', async () => {
      log.push('bob/1 first starts');
      await gate;
      log.push('bob/1 first ends');
      return 1;
    });
    const second = queue.run('bob/1', async () => {
      log.push('bob/1 second');
      return 2;
    });
    await queue.run('bob/2', async () => log.push('bob/2'));
    expect(log).toEqual(['bob/1 first starts', 'bob/2']);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['bob/1 first starts', 'bob/2', 'bob/1 first ends', 'bob/1 second']);
  });

  it('goes on after a job failed, and hands the failure to its caller', async () => {
    const queue = createKeyedQueue();
    const failed = queue.run('bob/1', async () => {
      throw new Error('broken session');
    });
    const next = queue.run('bob/1', async () => 'next');
    await expect(failed).rejects.toThrow('broken session');
    expect(await next).toBe('next');
  });
});
