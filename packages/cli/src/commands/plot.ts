import { SpectraError } from '@spectra/core';
import { readSpectrum } from '@spectra/fits';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { frameOption } from '../frame-option.js';
import { parseNumber } from '../parse-number.js';

interface PlotOptions {
  out?: string;
  z?: number;
  frame?: 'air' | 'vacuum';
  errorBand: boolean;
}

/** `spectra plot FILE`: Figure 1 for any spectrum — identified lines, masked pixels, the ±1σ band. */
export function registerPlot(program: Command, io: CliIo): void {
  program
    .command('plot')
    .description('draw Figure 1 for a spectrum: flux and normalised flux, identified lines, mask, error band')
    .argument('<file>', 'a FITS spectrum of any supported layout')
    .option('--out <path>', 'where to write it: .png, .svg or .html (default: FILE stem + .png, here)')
    .option('--z <z>', 'redshift to identify lines at (default: the file’s Z, else 0)', parseNumber)
    .addOption(frameOption())
    .option('--no-error-band', 'leave out the ±1σ band')
    .addHelpText(
      'after',
      `
Examples:
  spectra plot spec-3586-55181-0500.fits
  spectra plot spec-0332-52367-0639.fits --out qso.svg
  spectra plot MILES_res2.50_star_m0001V.fits --frame air --out m0001.html

Exit codes: 0 written, 1 the file could not be read or the figure not written, 2 bad usage.`,
    )
    .action(async (file: string, options: PlotOptions, command: Command) => {
      const out =
        options.out ??
        `${file
          .split(/[\\/]/)
          .pop()!
          .replace(/\.(fits?|fts)(\.gz)?$/i, '')}.png`;
      if (!/\.(png|svg|html)$/i.test(out))
        command.error(`error: --out must end in .png, .svg or .html (got ${out})`, { exitCode: 2 });
      const [{ spectrumLinesFigure }, { writeFigure }] = await Promise.all([
        import('@spectra/pipeline'),
        import('@spectra/plot'),
      ]);
      try {
        const spectrum = await readSpectrum(file, { ...(options.frame && { frame: options.frame }) });
        const { spec, lines } = spectrumLinesFigure(spectrum, {
          ...(options.z !== undefined && { z: options.z }),
          errorBand: options.errorBand,
        });
        await writeFigure(out, spec);
        io.out(`wrote ${out} (${lines} identified lines; wavelengths in ${spectrum.frame})\n`);
      } catch (error) {
        if (!(error instanceof SpectraError)) throw error;
        io.err(`spectra plot: ${file}: ${error.message} [${error.code}]\n`);
        io.exitCode = 1;
      }
    });
}
