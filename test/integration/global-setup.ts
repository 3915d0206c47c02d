/**
 * The integration tier runs the built `hostproof-posh` command and checks the built main-process bundle, so
 * build both from the current source first.
 */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.cli.config.ts', logLevel: 'warn' });
  await build({ configFile: 'vite.main.config.ts', logLevel: 'warn' });
}
