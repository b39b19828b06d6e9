import { defineConfig } from 'vitest/config';

// The browser journeys: one real Chromium, journeys one after the other, generous timeouts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
