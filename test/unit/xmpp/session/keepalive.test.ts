/** The keep-alive timer: probe after silence, dead when the probe gets no answer, any activity resets. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Keepalive } from '../../../../main/xmpp/session/keepalive.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function watch(idleMs = 1_000, answerMs = 500) {
  const calls: string[] = [];
  const keepalive = new Keepalive({ idleMs, answerMs, probe: () => calls.push('probe'), onDead: () => calls.push('dead') });
  return { keepalive, calls };
}

describe('Keepalive', () => {
  it('probes after the idle time and declares the connection dead when nothing answers', () => {
    const { calls } = watch();
    vi.advanceTimersByTime(999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['probe']);
    vi.advanceTimersByTime(499);
    expect(calls).toEqual(['probe']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['probe', 'dead']);
  });

  it('treats anything arriving after a probe as the answer, and starts the idle time again', () => {
    const { keepalive, calls } = watch();
    vi.advanceTimersByTime(1_000);
    keepalive.activity();
    vi.advanceTimersByTime(999);
    expect(calls).toEqual(['probe']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['probe', 'probe']);
  });

  it('does not probe while traffic keeps coming', () => {
    const { keepalive, calls } = watch();
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(900);
      keepalive.activity();
    }
    expect(calls).toEqual([]);
  });

  it('stays silent once stopped', () => {
    const { keepalive, calls } = watch();
    vi.advanceTimersByTime(1_000);
    keepalive.stop();
    keepalive.activity();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual(['probe']);
  });
});
