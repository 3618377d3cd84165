import { SpectraError } from '@spectra/core';
import { readFits, spectrumFromFits } from '@spectra/fits';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { frameOption } from '../frame-option.js';
import { formatSummary, type SpectrumSummary, summarizeSpectrum } from '../summarize-spectrum.js';

interface InspectOptions {
  json?: boolean;
  pixels?: boolean;
  frame?: 'air' | 'vacuum';
  strict?: boolean;
}

/** `spectra inspect FILE...`: format, HDUs, λ range, pixels, median S/N and metadata of each file. */
export function registerInspect(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('describe FITS spectra: layout, HDUs, wavelength range, pixels, median S/N, metadata')
    .argument('<files...>', 'FITS files (.fits, .fit, .fits.gz)')
    .option('--json', 'print one JSON array for machines')
    .option('--pixels', 'accept files without a wavelength solution (report pixel indices)')
    .addOption(frameOption())
    .option('--strict', 'stop at the first file that cannot be read (default: report it and go on)')
    .addHelpText(
      'after',
      `
Examples:
  spectra inspect spec-3586-55181-0500.fits
  spectra inspect data/*/*.fits --json > summary.json

Exit codes: 0 all files read, 1 some files failed (each is named), 2 bad usage.`,
    )
    .action(async (files: string[], options: InspectOptions) => {
      io.exitCode = await inspect(files, options, io);
    });
}

async function inspect(files: string[], options: InspectOptions, io: CliIo): Promise<number> {
  const results: Array<SpectrumSummary | { file: string; error: { code: string; message: string } }> = [];
  let failed = 0;
  for (const path of files) {
    try {
      const file = await readFits(path);
      const spectrum = spectrumFromFits(file, {
        allowPixelGrid: options.pixels ?? false,
        ...(options.frame && { frame: options.frame }),
      });
      const summary = summarizeSpectrum(file, spectrum);
      results.push(summary);
      if (!options.json) io.out(`${formatSummary(summary)}\n`);
    } catch (error) {
      if (!(error instanceof SpectraError)) throw error;
      failed++;
      results.push({ file: path, error: { code: error.code, message: error.message } });
      io.err(`spectra inspect: ${path}: ${error.message} [${error.code}]\n`);
      if (options.strict) break;
    }
  }
  if (options.json) io.out(`${JSON.stringify(results, jsonReplacer, 2)}\n`);
  if (failed > 0 && !options.json) io.err(`${failed} of ${files.length} files could not be read\n`);
  return failed > 0 ? 1 : 0;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
