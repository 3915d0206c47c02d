/**
 * electron-builder ships only the `dependencies` of package.json, and the main-process and CLI bundles leave
 * every package external. So each package the built bundles import must be a declared dependency (or Node's
 * own, or electron), and must resolve: otherwise the packaged app would crash at start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinModules, createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const require = createRequire(`${process.cwd()}/package.json`);

/** The bundle and every chunk beside or below it (the command line loads each command's chunk when it runs). */
function bundleFiles(bundle: string): string[] {
  const dir = path.dirname(bundle);
  const chunks = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js') && path.join(dir, file) !== bundle)
    .map((file) => path.join(dir, file));
  return [bundle, ...chunks];
}

function importedPackages(bundle: string): string[] {
  const code = bundleFiles(bundle)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const specifiers = [...code.matchAll(/^import\s+(?:[^'"]*?from\s+)?["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
  return [...new Set(specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s)))];
}

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

describe.each(['dist/main/index.js', 'dist/cli/hostproof-posh.js'])('the bundle %s', (bundle) => {
  it('imports only declared runtime dependencies (and electron in the app)', () => {
    const imported = importedPackages(bundle);
    expect(imported.length).toBeGreaterThan(3);
    const undeclared = imported.map(packageOf).filter((name) => name !== 'electron' && !(name in pkg.dependencies));
    expect(undeclared).toEqual([]);
  });

  it('imports only what resolves from an installed tree', () => {
    const missing = importedPackages(bundle)
      .filter((s) => s !== 'electron')
      .filter((specifier) => {
        try {
          require.resolve(specifier);
          return false;
        } catch {
          // ESM-only packages without a require condition still resolve through import.meta.resolve.
          try {
            import.meta.resolve(specifier);
            return false;
          } catch {
            return true;
          }
        }
      });
    expect(missing).toEqual([]);
  });
});
