import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The backend serves dist/ at /configurator; in development the staff API is proxied to it.
const backend = process.env.ZERORUN_URL ?? 'http://127.0.0.1:8123';

export default defineConfig({
  base: '/configurator/',
  plugins: [react()],
  server: { proxy: { '/staff/graphql': backend } },
  preview: { proxy: { '/staff/graphql': backend } },
  build: { chunkSizeWarningLimit: 4000 },
  test: { include: ['src/**/*.test.ts'] },
});
