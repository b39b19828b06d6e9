import { defineConfig } from 'vitest/config';

// The backend serves dist/ at /m/; in development /graphql (HTTP and WebSocket) is proxied to it.
const backend = process.env.ZERORUN_URL ?? 'http://127.0.0.1:8000';
const proxy = { '/graphql': { target: backend, ws: true } };

export default defineConfig({
  base: '/m/',
  build: { outDir: 'dist', target: 'es2020' },
  server: { proxy, fs: { allow: ['..'] } },
  preview: { proxy },
  test: { include: ['src/**/*.test.ts'] },
});
