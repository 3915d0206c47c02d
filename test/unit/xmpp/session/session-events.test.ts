/** Session events: typed listeners, unsubscribe, and one failing listener does not silence the others. */
import { describe, expect, it } from 'vitest';
import { SessionEvents } from '../../../../main/xmpp/session/session-events.js';

describe('SessionEvents', () => {
  it('reports a throwing listener and still calls the rest', () => {
    const reported: unknown[] = [];
    const events = new SessionEvents((error) => reported.push(error));
    const heard: Array<Error | null> = [];
    events.on('disconnected', () => {
      throw new Error('listener bug');
    });
    events.on('disconnected', (event) => heard.push(event.error));
    events.emit('disconnected', { error: null, resumable: false });
    expect(heard).toEqual([null]);
    expect(reported).toHaveLength(1);
    expect((reported[0] as Error).message).toBe('listener bug');
  });

  it('stops calling a listener once unsubscribed', () => {
    const events = new SessionEvents(() => undefined);
    let calls = 0;
    const off = events.on('disconnected', () => (calls += 1));
    events.emit('disconnected', { error: null, resumable: true });
    off();
    events.emit('disconnected', { error: null, resumable: true });
    expect(calls).toBe(1);
  });
});
