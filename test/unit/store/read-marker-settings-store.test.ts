/** The read markers setting (issue 14): on by default, saved, and off after a damaged file (fail closed). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createReadMarkerSettingsStore } from '../../../main/store/read-marker-settings-store.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

async function store() {
  const file = path.join(await tempDir(), 'read-markers.json');
  const problems: StoreProblem[] = [];
  const open = () => createReadMarkerSettingsStore({ file, now: () => new Date('2026-12-01T08:00:00Z'), report: (p) => problems.push(p), locks: createPathLocks() });
  return { file, problems, open };
}

describe('the read markers setting', () => {
  it('is on until the person turns it off, and stays off across a restart', async () => {
    const s = await store();
    expect(await s.open().load()).toEqual({ sendReadMarkers: true });
    await s.open().save({ sendReadMarkers: false });
    expect(await s.open().load()).toEqual({ sendReadMarkers: false });
  });

  it('a damaged file means off (a privacy setting does not turn itself back on), and the person is told', async () => {
    const s = await store();
    await writeFile(s.file, '{"schema":"hostproof.read-markers","version":1,"data":{"sendReadMarkers":"yes"}}');
    expect(await s.open().load()).toEqual({ sendReadMarkers: false });
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]?.message).toContain('does not tell your contacts');
    // The next start sees it too.
    expect(await s.open().load()).toEqual({ sendReadMarkers: false });
  });
});
