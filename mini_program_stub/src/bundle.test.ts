import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { expect, it } from 'vitest';

// A mini-program forbids eval and new Function: neither may reach the shipped JavaScript.
it('builds a bundle without eval( or new Function', async () => {
  const root = resolve(import.meta.dirname, '..');
  const output = (await build({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false },
  })) as Rollup.RollupOutput;
  const code = output.output.flatMap((chunk) => (chunk.type === 'chunk' ? [chunk.code] : []));

  expect(code.length).toBeGreaterThan(0);
  for (const text of code) {
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/new\s+Function\b/);
  }
}, 60_000);
