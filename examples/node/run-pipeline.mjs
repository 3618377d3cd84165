// The whole analysis through the library, as `spectra pipeline DATA_ROOT --out-dir OUT_DIR ...` runs it:
//   node examples/node/run-pipeline.mjs DATA_ROOT OUT_DIR [SEED]
// Reads every file once (tables, labels, splits, preprocessing), trains the CNN beside the logistic-regression
// baseline, evaluates, saves the model and draws the figures; progress arrives as typed events.
import { join } from 'node:path';
import { defaultPreprocessChoices } from '@spectra/model';
import { runPipeline } from '@spectra/pipeline';

const [root, outDir, seed = '1'] = process.argv.slice(2);
const tables = join(outDir, 'tables');
const result = await runPipeline(
  {
    root,
    outDir,
    seed: Number(seed),
    metadataTable: join(tables, 'spectra-metadata.parquet'),
    spectraManifest: join(tables, 'spectra-manifest.csv'),
    labelTable: join(tables, 'spectra-labels.csv'),
    preprocLog: join(tables, 'preprocessing-log.parquet'),
    manifest: { createdAt: '2026-01-01T00:00:00Z' },
    // A small network and grid, so the example runs in seconds; leave these out for the reference CNN.
    preprocess: defaultPreprocessChoices(512),
    fit: {
      epochs: 3,
      batchSize: 16,
      cnn: {
        blocks: [
          { filters: 8, kernelSize: 7, poolSize: 4 },
          { filters: 16, kernelSize: 5, poolSize: 4 },
        ],
        denseUnits: 16,
      },
    },
    workers: 1,
  },
  {
    onEvent: (event) => {
      if (event.type === 'issue') console.error(`warning: ${event.issue.message}`);
      if (event.type === 'epoch')
        console.log(`epoch ${event.epoch.epoch}: loss ${event.epoch.loss.toFixed(3)}`);
    },
  },
);
console.log(`classes: ${result.report.classes.join(', ')}`);
console.log(`test accuracy ${(100 * result.test.accuracy).toFixed(1)}% on ${result.test.samples} spectra`);
console.log(`model: ${result.modelOut}; ${result.written.length} files written`);
