import { describe, expect, it } from 'vitest';
import { createPathLocks } from '../../../main/store/path-locks.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createPathLocks', () => {
  it('runs tasks for one path one at a time, in the order they were queued', async () => {
    const locks = createPathLocks();
    const events: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string) => async (): Promise<string> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      events.push(`start ${name}`);
      await tick();
      await tick();
      events.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([
      locks.withLock('/tmp/a.json', task('1')),
      locks.withLock('/tmp/./a.json', task('2')), // the same file, spelled differently
      locks.withLock('/tmp/a.json', task('3')),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(maxRunning).toBe(1);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different paths run at the same time', async () => {
    const locks = createPathLocks();
    let running = 0;
    let maxRunning = 0;
    const task = async (): Promise<void> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      running -= 1;
    };
    await Promise.all([locks.withLock('/tmp/a.json', task), locks.withLock('/tmp/b.json', task)]);
    expect(maxRunning).toBe(2);
  });

  it('a failing task rejects its own caller and does not block the next', async () => {
    const locks = createPathLocks();
    const failing = locks.withLock('/tmp/a.json', async () => {
      throw new Error('boom');
    });
    const next = locks.withLock('/tmp/a.json', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('two registries do not know each other (which is why stores must share one)', async () => {
    const a = createPathLocks();
    const b = createPathLocks();
    let running = 0;
    let maxRunning = 0;
    const task = async (): Promise<void> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      running -= 1;
    };
    await Promise.all([a.withLock('/tmp/a.json', task), b.withLock('/tmp/a.json', task)]);
    expect(maxRunning).toBe(2);
  });
});
