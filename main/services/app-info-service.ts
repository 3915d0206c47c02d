import type { AppInfo, PasswordStorage } from '../../app/domain/app-info.js';

/** The facts fixed for the whole run, supplied by the Electron shell (or a test). */
export interface AppInfoDeps {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly dataPath: string;
}

/**
 * Answers `getInfo`. The fixed facts are injected so tests and the Electron shell supply their own; whether
 * passwords can be stored is asked of the password vault, the one place that decides it, so the window's
 * "Remember password" never promises more than the vault will do.
 */
export function createAppInfoService(fixed: AppInfoDeps, canRememberPasswords: () => Promise<boolean>): { getInfo(): Promise<AppInfo> } {
  return {
    getInfo: async () => {
      const passwordStorage: PasswordStorage = (await canRememberPasswords()) ? 'os-key-store' : 'session-only';
      return Object.freeze({ ...fixed, passwordStorage });
    },
  };
}
