import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { printEvents } from '../print-events.js';
import { createProgress } from '../progress.js';
import { renderInWorkers } from '../render-in-workers.js';
import { addModelOptions, modelSettings } from './model-options.js';
import { reportPipeline } from './pipeline.js';

interface DemoFlags extends Record<string, unknown> {
  perClass?: number;
  seed: number;
  quiet?: boolean;
  json?: boolean;
  strict?: boolean;
  ablation: boolean;
  releaseShift: boolean;
  ablationEpochs: number;
  ablationFraction: number;
}

/**
 * `spectra demo [OUT_DIR]`: the whole product on a synthetic survey — generate it (Table A's 5,480 spectra by
 * default, a fifth of the plates from SDSS-V DR18/DR19), then the pipeline with every table, figure and
 * experiment: metadata, manifest, labels, preprocessing log, splits, line list, a trained and saved CNN beside
 * its baseline, evaluation, ablation, release shift, Figures 1 and 3–5 and the training history.
 */
export function registerDemo(program: Command, io: CliIo): void {
  const command = program
    .command('demo')
    .description('generate a synthetic survey and run the whole pipeline on it (the README’s first command)')
    .argument('[out-dir]', 'where to write', 'spectra-demo')
    .option('--per-class <n>', 'spectra per class (default: Table A, 5,480 in all)', parseNumber)
    .option('--no-ablation', 'skip the ablation models')
    .option('--no-release-shift', 'train on every release; no release-shift evaluation')
    .option('--ablation-epochs <n>', 'epochs of each ablation model', parseNumber, 2)
    .option(
      '--ablation-fraction <x>',
      'fraction of the training split each ablation model sees',
      parseNumber,
      0.15,
    )
    .option('--json', 'print a JSON summary on stdout')
    .option('--quiet', 'no progress output')
    .option('--strict', 'stop at the first spectrum that cannot be read (default: report it and go on)');
  addModelOptions(command, { epochs: 4 });
  command
    .option('--seed <n>', 'seed of the survey, the splits and the training', parseNumber, 17)
    .addHelpText(
      'after',
      '\nExamples:\n  spectra demo                       # 5,480 spectra, every table and figure, a few minutes on 2 cores\n  spectra demo small-demo --per-class 40 --epochs 3\n\nExit codes: 0 done, 1 a step failed, 2 bad usage.',
    )
    .action(async (outDir: string, flags: DemoFlags) => {
      const [{ runPipeline }, { generateDataset, SYNTH_CATALOG }] = await Promise.all([
        import('@spectra/pipeline'),
        import('@spectra/synth'),
      ]);
      const started = performance.now();
      const dataDir = join(outDir, 'data');
      const progress = createProgress('synth', io, { quiet: flags.quiet });
      const dataset = await generateDataset(
        dataDir,
        {
          ...(flags.perClass !== undefined && { perClass: flags.perClass }),
          seed: flags.seed,
          formats: 'mix',
          releases: { DR17: 8, DR18: 1, DR19: 1 },
        },
        (d, t) => progress.update(d, t),
        renderInWorkers(flags.workers as number),
      );
      progress.stop();
      const synthSeconds = (performance.now() - started) / 1000;
      io.out(
        `1. Synthetic survey: ${dataset.files.length} spectra on ${dataset.plates} plates in ${dataDir} (SDSS spec, spSpec and LAMOST layouts; DR17 with DR18/DR19 plates), labels in ${dataset.catalogPath} (${synthSeconds.toFixed(1)} s)\n`,
      );
      const tables = join(outDir, 'tables');
      const example =
        dataset.files.find((f) => /[\\/]G[\\/]spec-\d+-\d+-\d+\.fits$/.test(f)) ?? dataset.files[0];
      io.out('2. Pipeline: read every file once, write the tables, train, evaluate, plot\n');
      const summary = await runPipeline(
        {
          root: dataDir,
          strict: flags.strict === true,
          ...modelSettings(flags, flags.seed),
          metadataTable: join(tables, 'spectra-metadata.parquet'),
          spectraManifest: join(tables, 'spectra-manifest.csv'),
          labelTable: join(tables, 'spectra-labels.parquet'),
          preprocLog: join(tables, 'preprocessing-log.parquet'),
          splitsDir: join(outDir, 'supplement', 'splits'),
          labelCatalog: dataset.catalogPath,
          catalogFields: SYNTH_CATALOG.fields,
          stripPrefix: SYNTH_CATALOG.prefix,
          stripSuffix: SYNTH_CATALOG.suffix,
          retrievalDate: '2026-01-15',
          surveyWavelengthCalibrated: true,
          surveyFluxCalibrated: true,
          manifest: { survey: 'SDSS (synthetic)', createdAt: '2026-01-15T00:00:00Z' },
          splitSeed: flags.seed,
          seed: flags.seed,
          outDir,
          modelOut: join(outDir, 'model'),
          plotExample: example,
          ablation: flags.ablation,
          ablationEpochs: flags.ablationEpochs,
          ablationFraction: flags.ablationFraction,
          releaseShift: flags.releaseShift,
        },
        { onEvent: printEvents(io, { quiet: flags.quiet === true }) },
      );
      await reportPipeline(io, summary, { history: false, example: false });
      io.out(
        `3. Done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${summary.written.length} files under ${outDir} (tables/, supplement/, reports/, figures/, model/)\n`,
      );
      if (flags.json) io.out(`${JSON.stringify({ ...summary, synthSeconds })}\n`);
    });
}
