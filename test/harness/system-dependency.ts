/**
 * Tiers that need a program from Debian (Chromium, Prosody) skip loudly when it is missing on a
 * developer's machine, and fail when CI=true: CI must never pass by testing less.
 */
import { accessSync, constants } from 'node:fs';

export interface SystemDependency {
  readonly name: string;
  readonly path: string;
  readonly install: string;
}

export const CHROMIUM: SystemDependency = {
  name: 'Chromium',
  path: process.env.HOSTPROOF_CHROMIUM ?? '/usr/bin/chromium',
  install: 'apt-get install -y chromium',
};

export const PROSODY: SystemDependency = {
  name: 'Prosody',
  path: process.env.HOSTPROOF_PROSODY ?? '/usr/bin/prosody',
  install: 'apt-get install -y prosody',
};

/** Returns true when present. When absent: throws under CI, otherwise prints a loud line and returns false. */
export function requireSystemDependency(dep: SystemDependency, tier: string): boolean {
  try {
    accessSync(dep.path, constants.X_OK);
    return true;
  } catch {
    const message = `${tier} tests need ${dep.name} at ${dep.path}, which is missing. Install it with: ${dep.install}`;
    if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a skipped tier is a failure)`);
    console.warn(`\n!!! SKIPPING ${tier.toUpperCase()} TESTS: ${message}\n`);
    return false;
  }
}
