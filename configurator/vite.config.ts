import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The backend serves dist/ at /configurator; in development its APIs are proxied to it: the
// staff API and files, and the citizen API the walk-in intake drives with the walk-in's token.
const backend = process.env.ZERORUN_URL ?? 'http://127.0.0.1:8123';
const proxy = { '/staff': backend, '/graphql': backend };

// Libraries in chunks of their own, kept by browsers across our releases (their names carry a
// hash of their content): React, antd with the rc-* components it is made of, ECharts.
const VENDORS: [string, RegExp][] = [
  ['react', /\/node_modules\/(react|react-dom|scheduler)\//],
  ['echarts', /\/node_modules\/(echarts|zrender)\//],
];

/** Writes name.br and name.gz next to every built text file of 1 KB or more, compressed once at
 * the best level; the backend sends whichever the browser accepts (backend/infra/static.py). */
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
  base: '/configurator/',
  plugins: [react(), precompress()],
  server: { proxy },
  preview: { proxy },
  build: {
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: { manualChunks: (id) => VENDORS.find(([, pattern]) => pattern.test(id))?.[0] },
    },
  },
  test: { include: ['src/**/*.test.ts'] },
});
