import { isIsoDate } from '@spectra/core';
import { TRAINING_DEFAULTS } from '@spectra/model/recipe';
import type { DatasetOptions, DatasetReport } from '@spectra/pipeline';
import type { TableFormat } from '@spectra/provenance';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { datasetExitCode, printEvents } from '../print-events.js';

/** The reference README's metadata, label, manifest and preprocessing-log flags, shared with `pipeline`. */
export function addProvenanceOptions(command: Command): Command {
  return command
    .option('--metadata-table <path>', 'write the metadata table (.parquet or .csv)')
    .option('--data-release <tag>', 'data release, e.g. "SDSS-IV DR17" (overrides RUN2D/DR)')
    .option('--retrieval-date <YYYY-MM-DD>', 'date the data were retrieved (ISO 8601)', isoDate)
    .option('--survey-wavelength-calibrated', 'the survey calibrated the wavelengths')
    .option('--survey-flux-calibrated', 'the survey calibrated the fluxes')
    .option('--post-processing-steps <text>', 'post-processing applied after download')
    .option('--calibration-reference <citation>', 'a calibration reference (repeatable)', collect)
    .option('--label-catalog <csv>', 'label catalogue CSV')
    .option('--catalog-object-field <name>', 'catalogue column with the object/spectrum id')
    .option('--catalog-spectral-field <name>', 'catalogue column with the spectral class')
    .option('--catalog-luminosity-field <name>', 'catalogue column with the luminosity class')
    .option('--catalog-teff-field <name>', 'catalogue column with Teff (K)')
    .option('--catalog-logg-field <name>', 'catalogue column with log g')
    .option('--catalog-feh-field <name>', 'catalogue column with [Fe/H]')
    .option('--catalog-quality-field <name>', 'catalogue column with a quality flag')
    .option(
      '--catalog-strip-prefix <text>',
      'strip this prefix from file stems and catalogue ids (repeatable: each that matches)',
      collect,
    )
    .option(
      '--catalog-strip-suffix <text>',
      'strip this suffix from file stems and catalogue ids (repeatable: each that matches)',
      collect,
    )
    .option('--label-table <path>', 'write the label table (.parquet or .csv)')
    .option('--spectra-manifest <path>', 'write the spectra manifest')
    .addOption(
      new Option('--manifest-format <format>', 'manifest format (default: from the extension)').choices([
        'csv',
        'parquet',
      ]),
    )
    .option('--survey <tag>', 'survey tag for the manifest, e.g. SDSS-IV')
    .option('--manifest-notes <text>', 'notes for every manifest row')
    .option('--manifest-created-at <iso>', 'fixed created_at timestamp (reproducible files)', isoTimestamp)
    .option('--preproc-log <path>', 'write the preprocessing log')
    .addOption(
      new Option(
        '--preproc-log-format <format>',
        'preprocessing log format (default: from the extension)',
      ).choices(['csv', 'parquet']),
    )
    .option('--splits-dir <dir>', 'write train/validation/test split manifests here')
    .option('--seed <n>', 'seed for the splits', parseNumber, TRAINING_DEFAULTS.seed)
    .option('--strict', 'stop at the first file that cannot be read')
    .option(
      '--shard <I/N>',
      'process the I-th of N slices of the sorted files; tables are written as NAME.part-I-of-N.EXT (join them with `spectra merge`)',
      parseShard,
    )
    .option(
      '--hive',
      'with --shard: write each table as a Hive-partitioned dataset directory, NAME/shard=000I/part-0.EXT, that DuckDB, Spark and pyarrow read in place',
    );
}

/** Turns parsed flags into library options. */
export function provenanceOptions(flags: Record<string, unknown>): DatasetOptions {
  const f = flags as Record<string, string | boolean | string[] | number | undefined>;
  const fields = f.catalogObjectField
    ? {
        object: f.catalogObjectField as string,
        spectral: f.catalogSpectralField as string | undefined,
        luminosity: f.catalogLuminosityField as string | undefined,
        teff: f.catalogTeffField as string | undefined,
        logg: f.catalogLoggField as string | undefined,
        feh: f.catalogFehField as string | undefined,
        quality: f.catalogQualityField as string | undefined,
      }
    : undefined;
  return {
    metadataTable: f.metadataTable as string | undefined,
    labelTable: f.labelTable as string | undefined,
    spectraManifest: f.spectraManifest as string | undefined,
    manifestFormat: f.manifestFormat as TableFormat | undefined,
    preprocLog: f.preprocLog as string | undefined,
    preprocLogFormat: f.preprocLogFormat as TableFormat | undefined,
    splitsDir: f.splitsDir as string | undefined,
    splitSeed: f.seed as number,
    labelCatalog: f.labelCatalog as string | undefined,
    catalogFields: fields,
    stripPrefix: f.catalogStripPrefix as string[] | undefined,
    stripSuffix: f.catalogStripSuffix as string[] | undefined,
    dataRelease: f.dataRelease as string | undefined,
    retrievalDate: f.retrievalDate as string | undefined,
    surveyWavelengthCalibrated: f.surveyWavelengthCalibrated === true ? true : undefined,
    surveyFluxCalibrated: f.surveyFluxCalibrated === true ? true : undefined,
    postProcessingSteps: f.postProcessingSteps as string | undefined,
    calibrationReferences: f.calibrationReference as string[] | undefined,
    manifest: {
      survey: f.survey as string | undefined,
      notes: f.manifestNotes as string | undefined,
      createdAt: f.manifestCreatedAt as string | undefined,
    },
    strict: f.strict === true,
    ...(f.shard !== undefined && { shard: flags.shard as { index: number; count: number } }),
    ...(f.hive === true && { shardLayout: 'hive' as const }),
  };
}

/** `spectra provenance DATA_ROOT`: metadata, manifest, labels, preprocessing log and splits for a dataset. */
export function registerProvenance(program: Command, io: CliIo): void {
  const command = program
    .command('provenance')
    .description(
      'write provenance tables (metadata, manifest, labels, preprocessing log, splits) for a dataset',
    )
    .argument('<data-root>', 'folder with one sub-folder of FITS files per class');
  addProvenanceOptions(command)
    .option('--quiet', 'no progress output')
    .option('--json', 'print the dataset report (counts, Table A, issues, files written) as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  spectra provenance data/ --metadata-table out/spectra-metadata.parquet --data-release "SDSS-IV DR17" --retrieval-date 2024-01-15
  spectra provenance data/ --label-catalog labels.csv --catalog-object-field OBJECT_ID --catalog-spectral-field SPECTRAL_CLASS \\
      --catalog-teff-field TEFF --catalog-strip-prefix SDSS_ --label-table out/spectra-labels.parquet
  spectra provenance data/ --spectra-manifest out/manifest.csv --survey SDSS-IV --preproc-log out/preprocessing-log.parquet --splits-dir out/splits

Exit codes: 0 all files read, 1 some files could not be read or catalogue rows are malformed (each named, with its
line; --strict stops at the first), 2 bad usage.`,
    )
    .action(async (root: string, flags: Record<string, unknown>) => {
      const { exportTables } = await import('@spectra/pipeline');
      if (flags.labelCatalog && !flags.catalogObjectField)
        command.error('error: --label-catalog needs --catalog-object-field', { exitCode: 2 });
      const report = await exportTables(
        { ...provenanceOptions(flags), root },
        { onEvent: printEvents(io, { quiet: flags.quiet === true }) },
      );
      if (flags.json) io.out(`${JSON.stringify(report)}\n`);
      else {
        printOverview(io, report);
        for (const path of report.written) io.out(`wrote ${path}\n`);
      }
      io.exitCode = datasetExitCode(report);
    });
}

/** Table A as the commands print it. */
export function printOverview(io: CliIo, report: DatasetReport): void {
  io.out('dataset overview (Table A):\n  class  count  median S/N  coverage (Å)   R      releases\n');
  for (const row of report.overview)
    io.out(
      `  ${row.class_label.padEnd(5)}  ${String(row.count).padStart(5)}  ${(row.median_sn ?? Number.NaN).toFixed(1).padStart(10)}  ${`${row.coverage_min_A?.toFixed(0)}–${row.coverage_max_A?.toFixed(0)}`.padEnd(12)}  ${String(row.median_resolution_r ?? '-').padEnd(5)}  ${row.releases}\n`,
    );
}

function collect(value: string, all: string[] = []): string[] {
  return [...all, value];
}

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`'${value}' is not an ISO 8601 date (YYYY-MM-DD)`);
  return value;
}

function isoTimestamp(value: string): string {
  if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value))
    throw new InvalidArgumentError(`'${value}' is not an ISO 8601 timestamp`);
  return value;
}

/** `--shard 2/3` → { index: 2, count: 3 }. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new InvalidArgumentError(`'${value}' is not I/N with 1 ≤ I ≤ N (e.g. 2/8)`);
  return { index, count };
}
