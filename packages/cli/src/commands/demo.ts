import { join } from 'node:path';
import { readFits, spectrumFromFits, writeFileAtomic } from '@spectra/fits';
import { findLines, lineList, lineListCsv } from '@spectra/lines';
import { exportProvenance } from '@spectra/provenance';
import { CLASSES, generateDataset, SYNTH_CATALOG } from '@spectra/synth';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { createProgress } from '../progress.js';

interface DemoFlags {
  perClass: number;
  seed: number;
  quiet?: boolean;
}

/**
 * `spectra demo [OUT_DIR]`: the whole product on a synthetic survey — generate it, read every file once for the
 * provenance tables and the per-class overview (Table A), find and identify lines in one star of each class, write
 * the line list.
 */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('generate a synthetic survey and run the analysis on it (the README’s first command)')
    .argument('[out-dir]', 'where to write', 'spectra-demo')
    .option('--per-class <n>', 'spectra per class', parseNumber, 20)
    .option('--seed <n>', 'random seed', parseNumber, 17)
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      '\nExample:\n  spectra demo spectra-demo --per-class 50\n\nExit codes: 0 done, 1 a step failed, 2 bad usage.',
    )
    .action(async (outDir: string, flags: DemoFlags) => {
      const dataDir = join(outDir, 'data');
      const progress = createProgress('synth', io, { quiet: flags.quiet });
      const dataset = await generateDataset(
        dataDir,
        { perClass: flags.perClass, seed: flags.seed, formats: 'mix' },
        (d, t) => progress.update(d, t),
      );
      progress.stop();
      io.out(
        `1. Synthetic survey: ${dataset.files.length} spectra on ${dataset.plates} plates in ${dataDir} (SDSS spec, spSpec and LAMOST layouts), labels in ${dataset.catalogPath}\n`,
      );
      // One pass over the files writes every provenance table and yields the Table A overview.
      const reading = createProgress('read', io, { quiet: flags.quiet });
      const tables = join(outDir, 'tables');
      const provenance = await exportProvenance(dataDir, {
        metadataTable: join(tables, 'spectra-metadata.parquet'),
        spectraManifest: join(tables, 'spectra-manifest.csv'),
        labelTable: join(tables, 'spectra-labels.parquet'),
        preprocLog: join(tables, 'preprocessing-log.parquet'),
        splitsDir: join(tables, 'splits'),
        labelCatalog: dataset.catalogPath,
        catalogFields: SYNTH_CATALOG.fields,
        stripPrefix: SYNTH_CATALOG.prefix,
        stripSuffix: SYNTH_CATALOG.suffix,
        dataRelease: 'SDSS-IV DR17 (synthetic)',
        manifest: { survey: 'SDSS-IV (synthetic)' },
        splitSeed: flags.seed,
        onProgress: (d, t) => reading.update(d, t),
      });
      reading.stop();
      io.out('2. Dataset overview (every file read back with readSpectrum):\n');
      io.out('   class  count  median S/N  coverage (Å)   R\n');
      for (const row of provenance.overview) {
        const snr = (row.median_sn ?? Number.NaN).toFixed(1).padStart(10);
        const coverage = `${row.coverage_min_A?.toFixed(0)}–${row.coverage_max_A?.toFixed(0)}`;
        io.out(
          `   ${row.class_label.padEnd(5)}  ${String(row.count).padStart(5)}  ${snr}  ${coverage}  ${row.median_resolution_r ?? '-'}\n`,
        );
      }
      io.out('3. Lines identified in one star of each class:\n');
      for (const letter of CLASSES) {
        // The first SDSS-IV spec file of the class (spec-PLATE-MJD-FIBER.fits).
        const file = dataset.files.find((f) => {
          const [folder, name] = f.split(/[\\/]/).slice(-2);
          return folder === letter && /^spec-\d+-\d+-\d+\.fits$/.test(name);
        });
        if (!file) continue;
        const spectrum = spectrumFromFits(await readFits(file));
        const lines = findLines(spectrum, { identify: { z: spectrum.meta.redshift ?? 0 } }).filter(
          (l) => l.transition,
        );
        const strongest = [...lines]
          .sort((a, b) => b.snr - a.snr)
          .slice(0, 6)
          .map((l) => l.transition);
        io.out(
          `   ${letter} ${spectrum.meta.subClass ?? ''}: ${lines.length} identified; strongest ${strongest.join(', ')}\n`,
        );
      }
      const lineListPath = join(outDir, 'line_list.csv');
      await writeFileAtomic(lineListPath, lineListCsv());
      io.out(`4. Line list: ${lineListPath} (${lineList.length} lines)\n`);
      io.out(
        `5. Provenance: ${provenance.written.length} tables under ${tables} (metadata, manifest, labels, preprocessing log, splits); ${provenance.unmatchedLabels.length} spectra without a catalogue label\n`,
      );
    });
}
