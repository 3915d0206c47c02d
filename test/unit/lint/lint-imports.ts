import { ESLint } from 'eslint';

/** The messages of `no-restricted-imports` for source text linted as if it lived at `filePath`, with the real configuration. */
export async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
