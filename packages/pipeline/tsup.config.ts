import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/defaults.ts', 'src/spectrum-lines-figure.ts', 'src/dataset-worker.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: [/^@tensorflow\//],
});
