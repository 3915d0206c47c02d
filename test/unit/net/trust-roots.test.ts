/**
 * Which certificate authorities the app trusts (posh.md §3): the operating system's store where the runtime
 * can read it, Node's bundled list only as a fallback, the user's own additions on top either way.
 */
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { liveTrustRoots, runtimeCaStoreReader, trustRoots } from '../../../main/net/trust-roots.js';

const SYSTEM = ['-----BEGIN CERTIFICATE-----\nsystem-root\n-----END CERTIFICATE-----\n'];
const BUNDLED = ['-----BEGIN CERTIFICATE-----\nbundled-root\n-----END CERTIFICATE-----\n'];
const ADDED = ['-----BEGIN CERTIFICATE-----\nenterprise-root\n-----END CERTIFICATE-----\n'];

describe('trust roots', () => {
  it("uses the operating system's store where the runtime reads it, not Node's bundled list", () => {
    const asked: string[] = [];
    const roots = trustRoots({ getCACertificates: (type) => (asked.push(type), SYSTEM), bundled: BUNDLED, added: ADDED });
    expect(asked).toEqual(['system']);
    // A root the OS distrusts must not come back through the bundled list.
    expect(roots).toEqual({ certificates: [...SYSTEM, ...ADDED], source: 'system' });
  });

  it('falls back to the bundled list where there is no reader (Node 20), or the store is empty or unreadable', () => {
    expect(trustRoots({ bundled: BUNDLED })).toEqual({ certificates: BUNDLED, source: 'bundled' });
    expect(trustRoots({ getCACertificates: () => [], bundled: BUNDLED, added: ADDED })).toEqual({ certificates: [...BUNDLED, ...ADDED], source: 'bundled' });
    const broken = () => {
      throw new Error('keychain locked');
    };
    expect(trustRoots({ getCACertificates: broken, bundled: BUNDLED }).source).toBe('bundled');
  });

  it("finds the runtime's reader only where it exists", () => {
    const reader = runtimeCaStoreReader({ getCACertificates: (type: string) => [`from ${type}`] });
    expect(reader?.('system')).toEqual(['from system']);
    expect(runtimeCaStoreReader({})).toBeUndefined();
    // On the Node that runs these tests: whichever it is, the answer is a reader or nothing, never a throw.
    const here = runtimeCaStoreReader(tls);
    expect(here === undefined || typeof here === 'function').toBe(true);
  });

  it("adds the user's authorities as they are at each call, so a change counts at the next connection", async () => {
    let added: readonly string[] = [];
    const roots = liveTrustRoots({ base: BUNDLED, added: async () => added });
    expect(await roots()).toEqual(BUNDLED);
    added = ADDED;
    expect(await roots()).toEqual([...BUNDLED, ...ADDED]);
  });

  it("fails closed when the user's authorities cannot be read: the base roots only, and it is told", async () => {
    const errors: unknown[] = [];
    const failure = new Error('disk gone');
    const roots = liveTrustRoots({ base: BUNDLED, added: () => Promise.reject(failure), onError: (error) => errors.push(error) });
    expect(await roots()).toEqual(BUNDLED);
    expect(errors).toEqual([failure]);
  });
});
