/** What the main process reports about the running application (the first vertical slice). */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly dataPath: string;
}
