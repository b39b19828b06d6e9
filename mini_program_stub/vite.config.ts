import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The backend serves dist/ at /m/; in development /graphql (HTTP and WebSocket) is proxied to it.
const backend = process.env.ZERORUN_URL ?? 'http://127.0.0.1:8000';
const proxy = { '/graphql': { target: backend, ws: true } };

/** Writes name.br and name.gz next to every built text file of 1 KB or more, compressed once at
 * the best level; the backend sends whichever the browser accepts (backend/infra/static.py).
 * The configurator's vite.config.ts has the same. */
function precompress(): Plugin {
  return {
    name: 'zerorun-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const path = join(options.dir ?? 'dist', name);
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        const quality = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length };
        writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: quality }));
      }
    },
  };
}

export default defineConfig({
  base: '/m/',
  plugins: [precompress()],
  build: { outDir: 'dist', target: 'es2020' },
  server: { proxy, fs: { allow: ['..'] } },
  preview: { proxy },
  test: { include: ['src/**/*.test.ts'] },
});
