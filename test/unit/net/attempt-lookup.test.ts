/** One DNS cache per connection attempt: a name is asked once, in whatever case, and a failure is asked again. */
import { describe, expect, it } from 'vitest';
import { lookupForAttempt } from '../../../main/net/attempt-lookup.js';
import type { Address, NameLookup } from '../../../main/net/name-lookup.js';

function counting(answer: (name: string, call: number) => Promise<readonly Address[]>): { lookup: NameLookup; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: (name) => {
      asked.push(name);
      return answer(name, asked.length);
    },
  };
}

describe('lookupForAttempt', () => {
  it('asks each name once, sharing a question still on its way', async () => {
    const inner = counting(async () => [{ address: '192.0.2.1', family: 4 }]);
    const lookup = lookupForAttempt(inner.lookup);
    const [first, second] = await Promise.all([lookup('hosting.example'), lookup('Hosting.Example.')]);
    expect(await lookup('hosting.example')).toBe(first);
    expect(second).toBe(first);
    expect(inner.asked).toEqual(['hosting.example']);
  });

  it('keeps names apart', async () => {
    const inner = counting(async (name) => [{ address: name === 'a.example' ? '192.0.2.1' : '192.0.2.2', family: 4 }]);
    const lookup = lookupForAttempt(inner.lookup);
    expect((await lookup('a.example'))[0]?.address).toBe('192.0.2.1');
    expect((await lookup('b.example'))[0]?.address).toBe('192.0.2.2');
  });

  it('does not keep a failure: the next question is asked again', async () => {
    const inner = counting(async (_name, call) => {
      if (call === 1) throw new Error('SERVFAIL');
      return [{ address: '192.0.2.1', family: 4 }];
    });
    const lookup = lookupForAttempt(inner.lookup);
    await expect(lookup('flaky.example')).rejects.toThrow('SERVFAIL');
    expect((await lookup('flaky.example'))[0]?.address).toBe('192.0.2.1');
    expect(inner.asked).toHaveLength(2);
  });

  it('fresh for each attempt: a new attempt asks again', async () => {
    const inner = counting(async () => [{ address: '192.0.2.1', family: 4 }]);
    await lookupForAttempt(inner.lookup)('hosting.example');
    await lookupForAttempt(inner.lookup)('hosting.example');
    expect(inner.asked).toHaveLength(2);
  });
});
