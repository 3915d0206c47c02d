/** The window's size and position between runs. Not security state, but written with the same care. */
import { z } from 'zod';
import type { PathLocks } from './path-locks.js';
import { createVersionedJsonFile, type ReportStoreProblem } from './versioned-json-file.js';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

const boundsSchema = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});

export interface WindowStateStore {
  /** The saved bounds; null when none were saved (or the file was damaged): then the window opens at its default. */
  load(): Promise<WindowBounds | null>;
  save(bounds: WindowBounds): Promise<void>;
}

export function createWindowStateStore(options: { file: string; now: () => Date; report: ReportStoreProblem; locks: PathLocks }): WindowStateStore {
  const file = createVersionedJsonFile<WindowBounds | null>({
    file: options.file,
    schema: 'hostproof.window',
    version: 1,
    data: boundsSchema.nullable(),
    empty: () => null,
    label: 'window position',
    consequence: 'The window opens at its default size.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    load: () => file.read(),
    save: async (bounds) => {
      await file.update(() => bounds);
    },
  };
}
