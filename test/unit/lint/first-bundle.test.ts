/**
 * The window's first bundle leaves the IDNA library out (renderer/src/common/addresses.tsx says why: about
 * 200 KB of script that plain ASCII names never use, loaded at the first idle moment instead). One static
 * import of the complete address model anywhere on the first screen's path puts it back, and the bundler only
 * warns; issue 14's blocking hook did that once and the first render slowed by about 10 %. This test follows the
 * static value imports from the window's entry (type-only imports and `import()` are not in the bundle) and
 * names the chain that reaches the library.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRY = 'renderer/src/main.tsx';
/** The modules that import the IDNA library itself (the complete address model). */
const LIBRARY_HOLDERS = ['app/domain/address/domain-name.ts'];

/** The specifiers a module imports for their values, at load time: what the bundler puts beside it. */
function staticValueImports(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly && ts.isStringLiteral(statement.moduleSpecifier)) found.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

function resolve(from: string, specifier: string): string | null {
  const stem = path.resolve(path.dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`]) if (existsSync(candidate)) return candidate;
  return null;
}

/** Each module reachable from `entry` by static value imports, with the module that first imported it. */
function reachable(base: string, entry: string): Map<string, string | null> {
  const parent = new Map<string, string | null>([[path.join(base, entry), null]]);
  const queue = [path.join(base, entry)];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const specifier of staticValueImports(readFileSync(file, 'utf8'), file)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(file, specifier);
      if (target === null || parent.has(target)) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }
  return parent;
}

function chain(base: string, parent: Map<string, string | null>, file: string): string {
  const links: string[] = [];
  for (let at: string | null | undefined = file; at; at = parent.get(at)) links.push(path.relative(base, at));
  return links.join(' ← ');
}

describe("the window's first bundle", () => {
  it('reads type-only imports and dynamic imports as not in the bundle', () => {
    const source = [
      "import type { A } from './types.js';",
      "import { type B, type C } from './more-types.js';",
      "import { value, type D } from './mixed.js';",
      "export { thing } from './re-exported.js';",
      "export type { E } from './exported-type.js';",
      "const later = () => import('./lazy.js');",
    ].join('\n');
    expect(staticValueImports(source, 'x.ts')).toEqual(['./mixed.js', './re-exported.js']);
  });

  it('does not import the IDNA library (the complete address model) on any static path from the entry', () => {
    const base = process.cwd();
    const parent = reachable(base, ENTRY);
    expect(parent.size).toBeGreaterThan(50);
    const chains = LIBRARY_HOLDERS.map((holder) => path.join(base, holder))
      .filter((holder) => parent.has(holder))
      .map((holder) => chain(base, parent, holder));
    expect(chains).toEqual([]);
  });
});
