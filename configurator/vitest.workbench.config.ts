import { defineConfig } from 'vitest/config';

// The workbench's browser journeys (one role's day each): one real Chromium, one after the
// other, generous timeouts. tests/e2e/test_workbench.py runs them against a demo server.
export default defineConfig({
  test: {
    include: ['workbench-e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
