// Provenance tables for a dataset (one folder per class): node examples/node/write-tables.mjs DATA_ROOT OUT_DIR
import { join } from 'node:path';
import { exportTables } from '@spectra/pipeline';

const [root, out] = process.argv.slice(2);
const report = await exportTables({
  root,
  metadataTable: join(out, 'spectra-metadata.parquet'),
  spectraManifest: join(out, 'spectra-manifest.csv'),
  splitsDir: join(out, 'splits'),
  dataRelease: 'SDSS-IV DR17',
  manifest: { survey: 'SDSS-IV' },
});
console.log(`${report.read} spectra; wrote ${report.written.length} files`);
for (const row of report.overview)
  console.log(`${row.class_label} ${row.count} median S/N ${row.median_sn?.toFixed(1)}`);
