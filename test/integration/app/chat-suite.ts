/**
 * The frame every chat integration file shares: one hosted world for the file (started before its tests,
 * stopped after), and everything a test opens closed after that test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startAppWorld, type AppWorld, type AppWorldOptions } from '../../harness/app-world.js';
import { signIn, type ChatClient, type SignInOptions } from './chat-client.js';

export interface ChatSuite {
  /** The file's world (available inside tests and hooks). */
  readonly world: AppWorld;
  /** What every app of this file is opened with unless a test says otherwise (e.g. OMEMO off). */
  readonly appDefaults: NonNullable<SignInOptions['app']>;
  /** Signs in a new app as `jid` and closes it after the test. */
  open(jid: string, resource: string, options?: Omit<SignInOptions, 'resource'>): Promise<ChatClient>;
  /** Closes `thing` after the test. */
  track<T extends ChatClient | { close(): Promise<void> }>(thing: T): T;
}

/**
 * For the files whose subject is not encryption (issue 15): every app they open has OMEMO off. Their world's
 * accounts are signed in by test after test, each time as a new install with a new OMEMO device; with OMEMO on, a
 * message can race the new install's entry in the device list and arrive "not encrypted for this device", which is
 * the protocol's behaviour and is tested by the OMEMO files (test/integration/app/omemo-*.test.ts), not theirs.
 */
export function plaintextChatSuite(setup?: (world: AppWorld) => Promise<void>, worldOptions?: AppWorldOptions): ChatSuite {
  return chatSuite(setup, worldOptions, { omemo: false });
}

/** `worldOptions`: e.g. an upload service (issue 14: files). Apps are opened as the app is: OMEMO on. */
export function chatSuite(setup?: (world: AppWorld) => Promise<void>, worldOptions?: AppWorldOptions, appDefaults: NonNullable<SignInOptions['app']> = {}): ChatSuite {
  let world: AppWorld | undefined;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    world = await startAppWorld(worldOptions);
    await setup?.(world);
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  const suite: ChatSuite = {
    get world() {
      if (!world) throw new Error('The world starts in beforeAll');
      return world;
    },
    appDefaults,
    open: async (jid, resource, options = {}) => suite.track(await signIn(suite.world, jid, { ...options, app: { ...appDefaults, ...options.app }, resource })),
    track: (thing) => {
      closers.push('app' in thing ? () => thing.app.close() : () => thing.close());
      return thing;
    },
  };
  return suite;
}
