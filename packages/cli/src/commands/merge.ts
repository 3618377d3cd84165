import { SpectraError } from '@spectra/core';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/** `spectra merge TABLE...`: join the parts of sharded runs into whole tables. */
export function registerMerge(program: Command, io: CliIo): void {
  program
    .command('merge')
    .description('join the NAME.part-I-of-N.EXT tables of `--shard I/N` runs into NAME.EXT, in order')
    .argument('<tables...>', 'the whole tables to make, e.g. out/spectra-metadata.parquet')
    .option('--remove-parts', 'delete the parts once the merged table is in place')
    .option('--strict', 'stop at the first table that cannot be merged (default: report it and go on)')
    .option('--json', 'print one JSON array of the merged tables (path, rows, parts) for machines')
    .addHelpText(
      'after',
      `
Examples (a Slurm array of 8 tasks, then one merge):
  spectra provenance data/ --shard $SLURM_ARRAY_TASK_ID/8 --metadata-table out/meta.parquet --spectra-manifest out/manifest.csv
  spectra merge out/meta.parquet out/manifest.csv

The same join in DuckDB: COPY (SELECT * FROM read_parquet('out/meta.part-*-of-8.parquet', filename = true)
  ORDER BY regexp_extract(filename, 'part-(\\d+)-', 1)::INT) TO 'out/meta.parquet';

Exit codes: 0 merged, 1 a part is missing or does not match (each table named), 2 bad usage.`,
    )
    .action(async (tables: string[], flags: { removeParts?: boolean; strict?: boolean; json?: boolean }) => {
      const { mergeParts } = await import('@spectra/provenance');
      const merged: Array<{ path: string; rows: number; parts: string[] }> = [];
      for (const table of tables) {
        try {
          const result = await mergeParts(table, { removeParts: flags.removeParts === true });
          merged.push({ path: result.path, rows: result.rows, parts: result.parts });
          if (!flags.json) io.out(`${result.path}: ${result.rows} rows from ${result.parts.length} parts\n`);
        } catch (error) {
          if (flags.strict || !(error instanceof SpectraError)) throw error;
          io.err(`spectra merge: ${table}: ${error.message} [${error.code}]\n`);
          io.exitCode = 1;
        }
      }
      if (flags.json) io.out(`${JSON.stringify(merged)}\n`);
    });
}
