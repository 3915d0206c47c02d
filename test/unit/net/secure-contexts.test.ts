/** One secure context per root set: built once, reused for the same roots, never for other roots. */
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createSecureContexts } from '../../../main/net/secure-contexts.js';

const base = rootCertificates.slice(0, 3);

describe('createSecureContexts', () => {
  it('gives the same context for the same roots, whether the same list or an equal copy', () => {
    const contexts = createSecureContexts();
    const first = contexts(base);
    expect(contexts(base)).toBe(first);
    expect(contexts([...base])).toBe(first);
  });

  it('gives another context when the roots differ (an authority added or removed)', () => {
    const contexts = createSecureContexts();
    const first = contexts(base);
    expect(contexts([...base, rootCertificates[3] ?? ''])).not.toBe(first);
    expect(contexts(base.slice(0, 2))).not.toBe(first);
  });

  it('forgets the least recently used set beyond `keep`', () => {
    const contexts = createSecureContexts({ keep: 2 });
    const sets = [0, 1, 2].map((i) => rootCertificates.slice(i, i + 2));
    const [a, b, c] = sets.map((set) => contexts([...set]));
    expect(contexts([...(sets[1] ?? [])])).toBe(b);
    expect(contexts([...(sets[2] ?? [])])).toBe(c);
    expect(contexts([...(sets[0] ?? [])])).not.toBe(a);
  });
});
