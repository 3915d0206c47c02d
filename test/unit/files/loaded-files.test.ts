import { describe, expect, it } from 'vitest';
import type { SharedFileView } from '../../../app/domain/files.js';
import { createLoadedFiles } from '../../../main/files/loaded-files.js';

const picture = (chars: number): SharedFileView => ({ kind: 'picture', dataUrl: 'x'.repeat(chars), bytes: chars });

/** A loader that counts how often it ran and answers with `view`. */
function loader(view: SharedFileView) {
  let runs = 0;
  return {
    load: async () => {
      runs += 1;
      return view;
    },
    runs: () => runs,
  };
}

describe('shared files loaded this run', () => {
  it('loads a link once: again later, and twice at the same time, come from the first load', async () => {
    const files = createLoadedFiles(1_000);
    const cat = loader(picture(100));
    const [first, second] = await Promise.all([files.get('https://a/cat.png', cat.load), files.get('https://a/cat.png', cat.load)]);
    expect(await files.get('https://a/cat.png', cat.load)).toBe(first);
    expect(second).toBe(first);
    expect(cat.runs()).toBe(1);
  });

  it('keeps within its bound, letting the least recently shown go first', async () => {
    const files = createLoadedFiles(250);
    const a = loader(picture(100));
    const b = loader(picture(100));
    const c = loader(picture(100));
    await files.get('a', a.load);
    await files.get('b', b.load);
    await files.get('a', a.load); // a shown again: b is now the least recent
    await files.get('c', c.load); // over the bound: b goes
    await files.get('a', a.load);
    await files.get('b', b.load);
    expect([a.runs(), b.runs(), c.runs()]).toEqual([1, 2, 1]);
  });

  it('keeps no failure, no "not loaded" and nothing larger than its bound: each is asked again', async () => {
    const files = createLoadedFiles(50);
    let failures = 0;
    const failing = async (): Promise<SharedFileView> => {
      failures += 1;
      throw new Error('the server did not answer');
    };
    await expect(files.get('f', failing)).rejects.toThrow('did not answer');
    await expect(files.get('f', failing)).rejects.toThrow('did not answer');
    const tooLarge = loader({ kind: 'too-large', name: 'big.png', limit: 10 });
    await files.get('t', tooLarge.load);
    await files.get('t', tooLarge.load);
    const huge = loader(picture(100));
    await files.get('h', huge.load);
    await files.get('h', huge.load);
    expect([failures, tooLarge.runs(), huge.runs()]).toEqual([2, 2, 2]);
  });
});
