// Provenance tables for a dataset (one folder per class): node examples/node/write-tables.mjs DATA_ROOT OUT_DIR
import { join } from 'node:path';
import { exportProvenance } from '@spectra/provenance';

const [root, out] = process.argv.slice(2);
const summary = await exportProvenance(root, {
  metadataTable: join(out, 'spectra-metadata.parquet'),
  spectraManifest: join(out, 'spectra-manifest.csv'),
  splitsDir: join(out, 'splits'),
  dataRelease: 'SDSS-IV DR17',
  manifest: { survey: 'SDSS-IV' },
});
console.log(`${summary.read} spectra; wrote ${summary.written.length} files`);
for (const row of summary.overview)
  console.log(`${row.class_label} ${row.count} median S/N ${row.median_sn?.toFixed(1)}`);
