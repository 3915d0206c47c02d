import type { AppInfo } from '../../app/domain/app-info.js';

export interface AppInfoDeps {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly dataPath: string;
}

/** Answers `getInfo`. Values are injected so tests and the Electron shell supply their own. */
export function createAppInfoService(deps: AppInfoDeps): { getInfo(): Promise<AppInfo> } {
  const info: AppInfo = Object.freeze({ ...deps });
  return { getInfo: async () => info };
}
