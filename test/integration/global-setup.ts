/** The integration tier runs the built `hostproof-posh` command, so build it from the current source first. */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.cli.config.ts', logLevel: 'warn' });
}
