/**
 * The project's own import graph, read with the TypeScript compiler's import scanner (every `import`,
 * `import type`, `export ... from` and `import()`), and the cycles in it. Type-only imports count: a cycle
 * of types is still two modules that cannot be understood one without the other.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.tsx?$/;
/** Files that are not modules of ours: assets the bundler handles, and declaration files. */
const NOT_CODE = /\.(css|svg|png|json)$/;

/** Every .ts/.tsx file under `roots` (relative to `base`), with the project files each one imports. */
export function readImportGraph(base: string, roots: readonly string[]): { graph: ImportGraph; unresolved: readonly string[] } {
  const files = roots.flatMap((root) => sourceFiles(path.join(base, root)));
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.') || NOT_CODE.test(specifier)) continue;
      const target = resolveSource(path.resolve(path.dirname(file), specifier));
      if (target === null) unresolved.push(`${path.relative(base, file)} → ${specifier}`);
      else targets.push(path.relative(base, target));
    }
    graph.set(path.relative(base, file), targets);
  }
  return { graph, unresolved };
}

/**
 * The cycles of `graph`: each strongly connected component with more than one file, or a file importing
 * itself, as the list of its files in order of discovery (Tarjan's algorithm).
 */
export function findCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.unshift(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component);
  };

  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE.test(name) && !name.endsWith('.d.ts'))
    .map((name) => path.join(dir, name));
}

/** ESM specifiers name the emitted `.js`; the source is the `.ts` or `.tsx` beside it. */
function resolveSource(target: string): string | null {
  const stem = target.replace(/\.js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, target]) {
    if (SOURCE.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}
