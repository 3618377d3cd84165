import type { NumericArray } from '../big-endian.js';
import type { BinaryTable } from '../binary-table.js';
import type { FitsFile, Hdu } from '../fits-file.js';
import type { WavelengthGrid } from '../spectrum.js';
import { UNIT_TO_ANGSTROM } from '../wavelength-solution.js';
import { assembleSpectrum, ivarFromError, type SpectrumAdapter, toFloat32 } from './adapter.js';

const LOG_COLUMNS = ['LOGLAM', 'LOGLAMBDA', 'LOG_WAVE', 'LOGWAVE', 'LOG_LAMBDA'];
const LINEAR_COLUMNS = ['WAVELENGTH', 'WAVE', 'LAMBDA', 'LAM'];
const FLUX_COLUMNS = ['FLUX', 'SPEC', 'SPECTRUM', 'FLUXES'];
const ERROR_COLUMNS = ['ERR', 'ERROR', 'SIGMA', 'FLUX_ERR', 'FLUX_ERROR', 'PROPERR', 'UNCERTAINTY', 'NOISE'];
const IVAR_COLUMNS = ['IVAR', 'INVVAR', 'FLUX_IVAR'];

/**
 * A binary table with one pixel per row: a wavelength (Å, or TUNIT) or log10-wavelength column, a flux column,
 * and optionally σ or ivar. PyHammer's templates (LogLam, Flux, PropErr, Std) are the reference case.
 */
export const wavelengthTable: SpectrumAdapter = {
  name: 'wavelength-table',
  identify(file: FitsFile) {
    return findTable(file) !== undefined;
  },
  read(context) {
    const hdu = findTable(context.file)!;
    const table = hdu.table();
    const logName = pick(table, LOG_COLUMNS);
    const linearName = pick(table, LINEAR_COLUMNS)!;
    const raw = table.column(logName ?? linearName) as NumericArray;
    const wavelength = new Float64Array(raw.length);
    let grid: WavelengthGrid;
    if (logName) {
      for (let i = 0; i < raw.length; i++) wavelength[i] = 10 ** Number(raw[i]);
      grid = { kind: 'table', source: `${table.info(logName)!.name} column (log10 Å)` };
    } else {
      const unit = table.info(linearName)!.unit?.toUpperCase().replace(/\s/g, '');
      const scale = unit ? UNIT_TO_ANGSTROM[unit] : 1;
      if (scale === undefined) {
        context.issues.push({
          code: 'SPECTRA_WCS_UNIT',
          message: `unknown wavelength unit '${unit}'; taken as Å`,
          hdu: hdu.index,
        });
      }
      for (let i = 0; i < raw.length; i++) wavelength[i] = Number(raw[i]) * (scale ?? 1);
      grid = { kind: 'table', source: `${table.info(linearName)!.name} column` };
    }
    const errorName = pick(table, ERROR_COLUMNS);
    const ivarName = pick(table, IVAR_COLUMNS);
    const error = errorName ? toFloat32(table.column(errorName)) : undefined;
    const ivar = ivarName
      ? toFloat32(table.column(ivarName))
      : error
        ? ivarFromError(error)
        : new Float32Array(raw.length);
    if (!error && !ivarName) {
      context.issues.push({
        code: 'SPECTRA_NO_UNCERTAINTY',
        message: 'table has no error or ivar column; ivar is 0',
        hdu: hdu.index,
      });
    }
    const names = table.names.map((n) => n.toUpperCase()).join(',');
    const format = names === 'LOGLAM,FLUX,PROPERR,STD' ? 'pyhammer-template' : 'wavelength-table';
    return assembleSpectrum(context, format, hdu, {
      solution: { wavelength, grid },
      flux: toFloat32(table.column(pick(table, FLUX_COLUMNS)!)),
      ivar,
      ...(error && { error }),
      noUncertainty: !error && !ivarName,
    });
  },
};

function findTable(file: FitsFile): Hdu | undefined {
  return file.hdus.find((hdu) => {
    if (hdu.type !== 'bintable') return false;
    const table = hdu.table();
    const wave = pick(table, LOG_COLUMNS) ?? pick(table, LINEAR_COLUMNS);
    const flux = pick(table, FLUX_COLUMNS);
    return (
      !!wave &&
      !!flux &&
      table.info(wave)!.tform.repeat === 1 &&
      table.info(flux)!.tform.repeat === 1 &&
      table.rows > 1
    );
  });
}

function pick(table: BinaryTable, candidates: string[]): string | undefined {
  for (const name of candidates) if (table.has(name)) return name;
  return undefined;
}
