import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The backend serves dist/ at /configurator; in development its APIs are proxied to it: the
// staff API and files, and the citizen API the walk-in intake drives with the walk-in's token.
const backend = process.env.ZERORUN_URL ?? 'http://127.0.0.1:8123';
const proxy = { '/staff': backend, '/graphql': backend };

export default defineConfig({
  base: '/configurator/',
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { chunkSizeWarningLimit: 4000 },
  test: { include: ['src/**/*.test.ts'] },
});
