import { availableParallelism } from 'node:os';
import { MK_CLASSES, type MkClass } from '@spectra/core';
import {
  generateDataset,
  RELEASES,
  type Release,
  type SurveyFormat,
  type SynthOptions,
  TABLE_A_COUNTS,
} from '@spectra/synth';
import { type Command, InvalidArgumentError } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { createProgress } from '../progress.js';
import { renderInWorkers } from '../render-in-workers.js';

interface SynthFlags {
  perClass?: number;
  counts?: Partial<Record<MkClass, number>>;
  seed: number;
  formats: SurveyFormat[] | 'mix';
  snrRange?: [number, number];
  rvRange?: [number, number];
  ebvRange?: [number, number];
  release: Partial<Record<Release, number>>;
  workers: number;
  quiet?: boolean;
  json?: boolean;
}

const FORMATS: SurveyFormat[] = ['sdss-spec', 'sdss-spspec', 'lamost-image'];

/** `spectra synth OUT_DIR`: write a synthetic O..M survey in real SDSS and LAMOST formats. */
export function registerSynth(program: Command, io: CliIo): void {
  program
    .command('synth')
    .description(
      'generate a synthetic survey of O..M stars in the SDSS spec, spSpec and LAMOST formats, with labels.csv',
    )
    .argument('<out-dir>', 'folder to write; one sub-folder per class')
    .option('--per-class <n>', 'spectra per class (instead of Table A counts)', parseCount)
    .option(
      '--counts <list>',
      `per-class counts, e.g. ${MK_CLASSES.map((c) => `${c}=${TABLE_A_COUNTS[c]}`).join(',')}`,
      parseCounts,
    )
    .option('--seed <n>', 'random seed; the same seed writes byte-identical files', parseCount, 17)
    .option('--formats <list>', `comma-separated layouts (${FORMATS.join(', ')}) or 'mix'`, parseFormats, [
      'sdss-spec',
    ])
    .option('--snr-range <min,max>', 'clamp the median S/N per spectrum', parseRange)
    .option('--rv-range <min,max>', 'draw radial velocities uniformly in km/s', parseRange)
    .option('--ebv-range <min,max>', 'draw E(B-V) uniformly', parseRange)
    .option(
      '--release <list>',
      `data release to imitate (${Object.keys(RELEASES).join(', ')}); a list such as DR17:8,DR18:1 mixes them by plate with those weights`,
      parseReleases,
      { DR17: 1 },
    )
    .option(
      '--workers <n>',
      'threads that render spectra (default: the cores available)',
      parseCount,
      availableParallelism(),
    )
    .option('--quiet', 'no progress output')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  spectra synth data/                          # Table A: 5,480 spectra in SDSS-IV spec format
  spectra synth data/ --per-class 50 --formats mix --seed 3
  spectra synth dr19/ --release DR19 --counts G=200,K=200
  spectra synth mixed/ --release DR17:8,DR18:1,DR19:1

Exit codes: 0 written, 1 a file could not be written, 2 bad usage.`,
    )
    .action(async (outDir: string, flags: SynthFlags) => {
      const options: SynthOptions = {
        seed: flags.seed,
        formats: flags.formats,
        ...(Object.keys(flags.release).length > 1
          ? { releases: flags.release }
          : { release: Object.keys(flags.release)[0] as Release }),
        ...(flags.perClass !== undefined && { perClass: flags.perClass }),
        ...(flags.counts && { counts: flags.counts }),
        ...(flags.snrRange && { snrRange: flags.snrRange }),
        ...(flags.rvRange && { rvRangeKms: flags.rvRange }),
        ...(flags.ebvRange && { ebvRange: flags.ebvRange }),
      };
      const progress = createProgress('synth', io, { quiet: flags.quiet });
      const started = Date.now();
      const summary = await generateDataset(
        outDir,
        options,
        (done, total) => progress.update(done, total),
        renderInWorkers(flags.workers),
      );
      progress.stop();
      if (flags.json) {
        io.out(`${JSON.stringify({ ...summary, files: summary.files.length }, null, 2)}\n`);
        return;
      }
      const perClass = MK_CLASSES.map((c) => `${c} ${summary.counts[c]}`).join(', ');
      io.out(
        `wrote ${summary.files.length} spectra on ${summary.plates} plates to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s (${perClass})\n` +
          `label catalogue: ${summary.catalogPath} (${summary.catalogRows} rows)\n`,
      );
    });
}

function parseCount(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`'${value}' is not a whole number`);
  return n;
}

function parseCounts(value: string): Partial<Record<MkClass, number>> {
  const out: Partial<Record<MkClass, number>> = {};
  for (const part of value.split(',')) {
    const [letter, count] = part.split('=');
    if (!MK_CLASSES.includes(letter as MkClass) || count === undefined) {
      throw new InvalidArgumentError(`'${part}' is not CLASS=COUNT with CLASS one of ${MK_CLASSES.join('')}`);
    }
    out[letter as MkClass] = parseCount(count);
  }
  return out;
}

function parseFormats(value: string): SurveyFormat[] | 'mix' {
  if (value === 'mix') return 'mix';
  const list = value.split(',');
  for (const f of list)
    if (!FORMATS.includes(f as SurveyFormat))
      throw new InvalidArgumentError(`unknown format '${f}' (${FORMATS.join(', ')}, mix)`);
  return list as SurveyFormat[];
}

function parseRange(value: string): [number, number] {
  const parts = value.split(',').map((p) => parseNumber(p));
  if (parts.length !== 2 || parts[0] > parts[1]) throw new InvalidArgumentError(`'${value}' is not MIN,MAX`);
  return [parts[0], parts[1]];
}

function parseReleases(value: string): Partial<Record<Release, number>> {
  const weights: Partial<Record<Release, number>> = {};
  for (const part of value.split(',')) {
    const [name, weight = '1'] = part.trim().toUpperCase().split(':');
    if (!(name in RELEASES))
      throw new InvalidArgumentError(`'${name}' is not one of ${Object.keys(RELEASES).join(', ')}`);
    const w = Number(weight);
    if (!(w > 0)) throw new InvalidArgumentError(`'${part}': a release weight must be a positive number`);
    weights[name as Release] = w;
  }
  return weights;
}
