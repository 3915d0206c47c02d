import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see test/README.md): unit (pure logic, no sockets), components (React under jsdom),
 * integration (real servers on loopback) and e2e (the built renderer in Debian's Chromium).
 */
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }], './test/harness/behaviour-table-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/harness/setup-node.ts'],
          // Some unit tests start ESLint on the tree (the layer rules) or import the whole main process; on two
          // busy cores that alone took 7 s, past Vitest's 5 s default. Nothing in this tier asserts a duration.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'components',
          include: ['test/components/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/harness/setup-dom.ts'],
          // A test waits up to 5 s for each step (setup-dom.ts); one with several steps, run beside the integration
          // tier's servers on two cores, passed Vitest's 5 s default for the whole test (history-anchor, at load 12+).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/harness/setup-node.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The hardening suite (issue 9): the attacks and faults a safe client must survive, each test a row of
        // the table the behaviour-table reporter prints. Real servers on loopback, like the integration tier.
        test: {
          name: 'hardening',
          include: ['test/hardening/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/harness/setup-node.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Issue 16's "no rot": every benchmark run once at tiny sizes (test/bench/quick-run.test.ts).
        test: {
          name: 'bench',
          include: ['test/bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/harness/setup-node.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
