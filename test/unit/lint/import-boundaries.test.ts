import { describe, expect, it } from 'vitest';
import { restrictedImports } from './lint-imports.js';

describe('import boundaries are enforced by lint', () => {
  it.each([
    ['renderer/src/Bad.tsx', "import { createHandlers } from '../../main/services/create-handlers.js';\nexport const x = createHandlers;\n"],
    ['renderer/src/Bad.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/Bad.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['main/services/bad.ts', "import { App } from '../../renderer/src/App.js';\nexport const x = App;\n"],
    ['main/trust/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['app/ipc/bad.ts', "import { createDispatch } from '../../main/ipc/dispatch.js';\nexport const x = createDispatch;\n"],
    ['app/domain/bad.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
  ])('reports the forbidden import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['renderer/src/Fine.tsx', "import type { AppInfo } from '../../app/domain/app-info.js';\nexport type X = AppInfo;\n"],
    ['main/electron/fine.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['app/preload.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['main/services/fine.ts', "import { requestSchemas } from '../../app/ipc/contract.js';\nexport const x = requestSchemas;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
