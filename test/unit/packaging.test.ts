import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * `npm run dist` cannot run here (it downloads Electron), so the packaging config is checked against
 * electron-builder's own JSON schema and for the security settings the project relies on.
 */
const require = createRequire(import.meta.url);

async function loadConfig(): Promise<Record<string, unknown>> {
  const { load } = (await import('js-yaml')) as { load(text: string): unknown };
  return load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder\'s schema', async () => {
    const config = await loadConfig();
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const { default: Ajv } = (await import('ajv')) as unknown as { default: new (o: object) => { validate(s: object, d: unknown): boolean; errors: unknown } };
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('sets the fuses that stop the binary being reused as a Node runtime', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('names the product, the targets, the maintainer and the xmpp: scheme', async () => {
    const config = (await loadConfig()) as {
      productName: string;
      linux: { target: string[]; maintainer: string };
      mac: { target: string };
      win: { target: string };
      protocols: Array<{ schemes: string[] }>;
      files: string[];
    };
    expect(config.productName).toBe('Hostproof');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.protocols.flatMap((p) => p.schemes)).toContain('xmpp');
    expect(config.files).toContain('dist/**/*');
  });

  it('ships a main entry that the build produces', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/index.js');
  });
});
