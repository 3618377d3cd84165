import { join } from 'node:path';
import { readFits, spectrumFromFits, writeFileAtomic } from '@spectra/fits';
import { findLines, lineList, lineListCsv } from '@spectra/lines';
import { exportProvenance } from '@spectra/provenance';
import { CLASSES, generateDataset, SYNTH_CATALOG } from '@spectra/synth';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { createProgress } from '../progress.js';
import { summarizeSpectrum } from '../summarize-spectrum.js';

interface DemoFlags {
  perClass: number;
  seed: number;
  quiet?: boolean;
}

/**
 * `spectra demo [OUT_DIR]`: the whole product on a synthetic survey — generate it, read every file, summarise it
 * per class (Table A), find and identify lines in one star of each class, write the line list.
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
      const reading = createProgress('read', io, { quiet: flags.quiet });
      const perClass = new Map<
        string,
        { count: number; snr: number[]; min: number; max: number; formats: Set<string> }
      >();
      const firstOfClass = new Map<string, string>();
      for (const [k, file] of dataset.files.entries()) {
        const fits = await readFits(file);
        const summary = summarizeSpectrum(fits, spectrumFromFits(fits));
        const letter = file.split(/[\\/]/).at(-2)!;
        const entry = perClass.get(letter) ?? {
          count: 0,
          snr: [],
          min: Infinity,
          max: -Infinity,
          formats: new Set<string>(),
        };
        entry.count++;
        if (summary.medianSnr !== null) entry.snr.push(summary.medianSnr);
        entry.min = Math.min(entry.min, summary.wavelengthMinAngstrom);
        entry.max = Math.max(entry.max, summary.wavelengthMaxAngstrom);
        entry.formats.add(summary.format);
        perClass.set(letter, entry);
        if (!firstOfClass.has(letter) && summary.format === 'sdss-spec') firstOfClass.set(letter, file);
        reading.update(k + 1, dataset.files.length);
      }
      reading.stop();
      io.out('2. Dataset overview (read back with readSpectrum):\n');
      io.out('   class  count  median S/N  coverage (Å)    layouts\n');
      for (const letter of CLASSES) {
        const e = perClass.get(letter);
        if (!e) continue;
        const snr = [...e.snr].sort((a, b) => a - b)[e.snr.length >> 1] ?? 0;
        io.out(
          `   ${letter.padEnd(5)}  ${String(e.count).padStart(5)}  ${snr.toFixed(1).padStart(10)}  ${e.min.toFixed(0)}–${e.max.toFixed(0)}  ${[...e.formats].join(', ')}\n`,
        );
      }
      io.out('3. Lines identified in one star of each class:\n');
      for (const letter of CLASSES) {
        const file = firstOfClass.get(letter);
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
      });
      io.out(
        `5. Provenance: ${provenance.written.length} tables under ${tables} (metadata, manifest, labels, preprocessing log, splits); ${provenance.unmatchedLabels.length} spectra without a catalogue label\n`,
      );
    });
}
