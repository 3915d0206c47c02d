/**
 * The end-to-end harness: the built renderer in real Chromium, wired to real main-process handlers running
 * in the test process. Requests go through the same dispatcher (schema validation included) the Electron
 * IPC registration uses; events are pushed with page.evaluate. Nothing listens on a port except the static
 * file server, which serves only the built renderer.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { EventName } from '../../app/ipc/channels.js';
import type { EventPayloads } from '../../app/ipc/contract.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import type { RequestHandlers } from '../../main/ipc/handlers.js';
import { serveDirectory, type StaticServer } from './static-server.js';
import { CHROMIUM } from './system-dependency.js';

export const SCREENS_DIR = path.resolve('test-results/screens');
const RENDERER_DIR = path.resolve('dist/renderer');
const BRIDGE_SCRIPT = path.resolve('test-results/harness/page-bridge.js');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Harness {
  readonly page: Page;
  /** Console errors and page errors seen so far: a test can assert the page stayed clean. */
  readonly pageErrors: string[];
  /** Every URL the page requested, in order: a test can assert where the page loaded things from. */
  readonly requests: string[];
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly handlers: RequestHandlers;
  readonly colorScheme?: 'light' | 'dark';
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-chromium-'));
  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await serveDirectory(RENDERER_DIR);
    // A persistent context is how Playwright takes a fresh --user-data-dir of our choosing.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM.path,
      headless: true,
      args: CHROMIUM_ARGS,
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: 1100, height: 720 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const dispatch = createDispatch(options.handlers, {
      logError: (message, error) => pageErrors.push(`${message}: ${String(error)}`),
    });
    await page.exposeFunction('__hostproofInvoke', (name: string, payload: unknown) => dispatch(name, payload));
    await page.addInitScript({ path: BRIDGE_SCRIPT });
    await page.goto(server.url);

    const openServer = server;
    const openContext = context;
    return {
      page,
      pageErrors,
      requests,
      emit: async (event, payload) => {
        await page.evaluate(
          ([e, p]) => (window as unknown as { __hostproofEmit(e: string, p: unknown): void }).__hostproofEmit(e, p),
          [event, payload] as const,
        );
      },
      screenshot: async (name) => {
        await mkdir(SCREENS_DIR, { recursive: true });
        const file = path.join(SCREENS_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      close: async () => {
        await openContext.close();
        await openServer.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await server?.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
