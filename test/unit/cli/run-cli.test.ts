/** Every way the command ends returns one of its named exit statuses, the ones its usage text documents. */
import { describe, expect, it } from 'vitest';
import { EXIT_NOT_VERIFIED, EXIT_OK, EXIT_USAGE_OR_INTERNAL } from '../../../main/cli/exit-codes.js';
import { runCli } from '../../../main/cli/run-cli.js';
import { USAGE } from '../../../main/cli/usage.js';
import { loadPoshVectors, POSH_VECTORS_DIR } from '../../harness/posh-vectors.js';

async function run(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('hostproof-posh exit statuses', () => {
  it('are the three documented values, each named in the usage text', () => {
    expect([EXIT_OK, EXIT_NOT_VERIFIED, EXIT_USAGE_OR_INTERNAL]).toEqual([0, 1, 2]);
    expect(USAGE).toMatch(/Exit status: 0 verified .*, 1 not verified .*,\s+2 usage or internal error\./s);
  });

  it('help ends with EXIT_OK and prints the usage', async () => {
    const result = await run(['help']);
    expect(result.status).toBe(EXIT_OK);
    expect(result.out).toBe(USAGE);
  });

  it('generate ends with EXIT_OK for a certificate and for a reference', async () => {
    const certificate = 'im.example.com_primary.crt';
    const fingerprints = await run(['generate', '--cert', `${POSH_VECTORS_DIR}${certificate}`, '--expires', '60']);
    expect(fingerprints.status).toBe(EXIT_OK);
    expect(JSON.parse(fingerprints.out)).toMatchObject({
      expires: 60,
      fingerprints: [{ 'sha-256': loadPoshVectors().certificates[certificate]?.['sha-256'] }],
    });
    const reference = await run(['generate', '--url', 'https://hosting.example.net/posh.json', '--expires', '60']);
    expect(reference.status).toBe(EXIT_OK);
  });

  it.each([
    [['frobnicate']],
    [['check', 'a.test', '--port', 'x']],
    [['generate', '--cert', `${POSH_VECTORS_DIR}does-not-exist.pem`]],
    [['generate', '--cert', `${POSH_VECTORS_DIR}expected.json`]],
    [['check', 'a.test', '--ca', `${POSH_VECTORS_DIR}does-not-exist.pem`]],
  ])('%j ends with EXIT_USAGE_OR_INTERNAL and one clear sentence, no stack trace', async (argv) => {
    const result = await run(argv);
    expect(result.status).toBe(EXIT_USAGE_OR_INTERNAL);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^hostproof-posh: /);
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});
