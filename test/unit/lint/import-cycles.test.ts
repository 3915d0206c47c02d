import { describe, expect, it } from 'vitest';
import { findCycles, readImportGraph } from './import-graph.js';

/**
 * Cycles that exist today and are being removed elsewhere, each with who removes it. Listed exactly: a new
 * cycle fails the test, and so does a listed one that is gone (then delete its line).
 */
/** Cycles known and accepted, each with its reason. None today: keep it that way. */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const key = (cycle: readonly string[]) => [...cycle].sort().join(' ↔ ');

describe('the import graph has no cycles', () => {
  it('finds a cycle through several files, and a file importing itself, but not a shared dependency', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'shared']],
      ['c', ['a', 'shared']],
      ['d', ['shared', 'a']],
      ['self', ['self']],
      ['shared', []],
    ]);
    expect(findCycles(graph).map(key).sort()).toEqual(['a ↔ b ↔ c', 'self']);
    expect(findCycles(new Map([['a', ['b']], ['b', []], ['c', ['a', 'b']]]))).toEqual([]);
  });

  it('in main/, app/ and renderer/ (type-only imports included), apart from the listed ones', () => {
    const { graph, unresolved } = readImportGraph(process.cwd(), ['main', 'app', 'renderer']);
    // An import the scanner could not resolve would be an edge missing from the graph.
    expect(unresolved).toEqual([]);
    expect(graph.size).toBeGreaterThan(150);
    expect(findCycles(graph).map(key).sort()).toEqual(KNOWN_CYCLES.map(key).sort());
  });
});
