import { SPEED_OF_LIGHT_KMS as C_KMS, csvText, SpectraError, writeFileAtomic } from '@spectra/core';
import { readFits, spectrumFromFits } from '@spectra/fits';
import {
  DETECTED_LINE_COLUMNS,
  type DetectedLine,
  findLines,
  lineList,
  lineListCsv,
  measureRadialVelocity,
} from '@spectra/lines';
import { type Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { CliIo } from '../cli-io.js';
import { frameOption } from '../frame-option.js';
import { parseNumber } from '../parse-number.js';

interface LinesOptions {
  list?: boolean;
  csv?: boolean;
  json?: boolean;
  out?: string;
  z?: number;
  rv?: number;
  measureRv?: boolean;
  threshold: number;
  type: 'both' | 'absorption' | 'emission';
  tolerance: number;
  identifiedOnly?: boolean;
  frame?: 'air' | 'vacuum';
  strict?: boolean;
}

/** `spectra lines`: find and identify lines in spectra, or write the line list. */
export function registerLines(program: Command, io: CliIo): void {
  program
    .command('lines')
    .description('find emission and absorption lines and identify them against the NIST-derived line list')
    .argument('[files...]', 'FITS spectra')
    .option('--list', 'print the line list instead of analysing files')
    .option('--csv', 'CSV output (with --list: write line_list.csv, or --out)')
    .option('--json', 'JSON output')
    .option('--out <path>', "with --list --csv: where to write the line list ('-' for stdout)")
    .option('--z <z>', 'redshift of the source (default: the file’s Z, else 0)', parseNumber)
    .option('--rv <km/s>', 'radial velocity in km/s instead of --z', parseNumber)
    .option('--measure-rv', 'measure the radial velocity by cross-correlation and use it')
    .option('--threshold <snr>', 'detection threshold in S/N', parseNumber, 4)
    .addOption(
      new Option('--type <type>', 'features to find')
        .choices(['both', 'absorption', 'emission'])
        .default('both'),
    )
    .option('--tolerance <km/s>', 'identification tolerance', parseNumber, 200)
    .option('--identified-only', 'only list identified features')
    .addOption(frameOption())
    .option('--strict', 'stop at the first file that cannot be read (default: report it and go on)')
    .addHelpText(
      'after',
      `
Examples:
  spectra lines spec-3586-55181-0500.fits
  spectra lines spec-0332-52367-0639.fits --z 0.1006 --type emission
  spectra lines --measure-rv --csv data/G/*.fits > lines.csv
  spectra lines --list --csv            # writes line_list.csv

Exit codes: 0 all files read, 1 some files failed, 2 bad usage.`,
    )
    .action(async (files: string[], options: LinesOptions, command: Command) => {
      if (options.list) {
        io.exitCode = await writeList(options, io);
        return;
      }
      if (files.length === 0)
        command.error('error: give FITS files, or --list for the line list', { exitCode: 2 });
      io.exitCode = await analyse(files, options, io);
    });
}

async function writeList(options: LinesOptions, io: CliIo): Promise<number> {
  if (options.json) {
    io.out(`${JSON.stringify(lineList, null, 2)}\n`);
    return 0;
  }
  if (options.csv) {
    const target = options.out ?? 'line_list.csv';
    if (target === '-') io.out(lineListCsv());
    else {
      await writeFileAtomic(target, lineListCsv());
      io.out(`wrote ${target} (${lineList.length} lines)\n`);
    }
    return 0;
  }
  for (const l of lineList) {
    io.out(
      `${l.lambda_rest_A.toFixed(3).padStart(10)}  ${l.lambda_air_A.toFixed(2).padStart(9)}  ${l.elem.padEnd(8)} ${l.transition.padEnd(14)} ${l.kind}\n`,
    );
  }
  return 0;
}

async function analyse(files: string[], options: LinesOptions, io: CliIo): Promise<number> {
  let failed = 0;
  const results: Array<{ file: string; z: number; zSource: string; rv?: unknown; lines: DetectedLine[] }> =
    [];
  for (const path of files) {
    try {
      const file = await readFits(path);
      const spectrum = spectrumFromFits(file, { ...(options.frame && { frame: options.frame }) });
      let z = 0;
      let zSource = 'none (rest frame assumed)';
      let rv: ReturnType<typeof measureRadialVelocity> | undefined;
      if (options.z !== undefined) [z, zSource] = [options.z, '--z'];
      else if (options.rv !== undefined) [z, zSource] = [options.rv / C_KMS, '--rv'];
      else if (options.measureRv) {
        rv = measureRadialVelocity(spectrum);
        [z, zSource] = [
          rv.rvKms / C_KMS,
          `measured: ${rv.rvKms.toFixed(1)} ± ${rv.rvErrKms.toFixed(1)} km/s`,
        ];
      } else if (spectrum.meta.redshift !== undefined) [z, zSource] = [spectrum.meta.redshift, 'file Z'];
      let lines = findLines(spectrum, {
        thresholdSnr: options.threshold,
        type: options.type,
        identify: { z, toleranceKms: options.tolerance },
      });
      if (options.identifiedOnly) lines = lines.filter((l) => l.transition);
      results.push({ file: path, z, zSource, ...(rv && { rv }), lines });
      if (!options.json && !options.csv)
        io.out(
          formatLines(
            path,
            z,
            `${zSource}; wavelengths in ${spectrum.frame} (${spectrum.frameSource})`,
            lines,
          ),
        );
    } catch (error) {
      if (!(error instanceof SpectraError)) throw error;
      failed++;
      io.err(`spectra lines: ${path}: ${error.message} [${error.code}]\n`);
      if (options.strict) break;
    }
  }
  if (options.json) io.out(`${JSON.stringify(results, null, 2)}\n`);
  if (options.csv) {
    const rows = results.flatMap((r) =>
      r.lines.map((l) => [csvText(r.file), r.z, ...DETECTED_LINE_COLUMNS.map((c) => l[c])]),
    );
    io.out(stringify(rows, { header: true, columns: ['file', 'z', ...DETECTED_LINE_COLUMNS] }));
  }
  return failed > 0 ? 1 : 0;
}

function formatLines(path: string, z: number, zSource: string, lines: DetectedLine[]): string {
  const identified = lines.filter((l) => l.transition).length;
  const header = `${path}: ${lines.length} features (${identified} identified), z = ${z.toPrecision(5)} (${zSource})\n`;
  const table = lines.map((l) => {
    const name = l.transition ? `${l.transition} (${l.elem})`.padEnd(22) : ''.padEnd(22);
    const offset =
      l.velocityOffsetKms === null
        ? ''
        : `${l.velocityOffsetKms >= 0 ? '+' : ''}${l.velocityOffsetKms.toFixed(0)} km/s`;
    return `  ${l.centerAngstrom.toFixed(2).padStart(9)} Å  ${l.type.padEnd(10)} ${name} depth ${l.depth.toFixed(2)}  S/N ${l.snr.toFixed(1).padStart(5)}  FWHM ${l.fwhmAngstrom.toFixed(1).padStart(5)} Å  EW ${l.ewAngstrom.toFixed(2).padStart(6)} ± ${l.ewErrAngstrom.toFixed(2)} Å  ${offset}`;
  });
  return `${header}${table.join('\n')}\n`;
}
