import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNetworkWatch } from '../../../main/services/network-watch.js';

describe('network watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls waiting listeners once the network is back, and stops polling when nobody waits', () => {
    let online = false;
    const isOnline = vi.fn(() => online);
    const watch = createNetworkWatch(isOnline, 1000);
    const back = vi.fn();
    watch.onOnline(back);
    vi.advanceTimersByTime(3000);
    expect(back).not.toHaveBeenCalled();
    online = true;
    vi.advanceTimersByTime(1000);
    expect(back).toHaveBeenCalledOnce();
    const polls = isOnline.mock.calls.length;
    vi.advanceTimersByTime(10_000);
    expect(isOnline.mock.calls.length).toBe(polls);
  });

  it('forgets a listener that stopped waiting', () => {
    let online = false;
    const watch = createNetworkWatch(() => online, 1000);
    const gone = vi.fn();
    const stop = watch.onOnline(gone);
    stop();
    online = true;
    vi.advanceTimersByTime(5000);
    expect(gone).not.toHaveBeenCalled();
  });
});
