import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@spectra/source'] },
  ssr: { resolve: { conditions: ['@spectra/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tools/*/src/**/*.test.ts', 'examples/**/*.test.ts'],
    reporters: ['default', './tools/vitest-summary.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
