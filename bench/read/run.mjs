#!/usr/bin/env node
// bench/read: reads the real SDSS spec fixtures (repeated to >= 1000 reads) with readSpectrum, astropy and
// fitsio in one run, and prints files/s and the ratios, for two workloads: the spectrum with its SPALL/SPECOBJ row
// (what a user reads) and the COADD columns only (astropy and fitsio read no summary row; readSpectrum still does).
// Also the floor: the time to read, with positioned reads, just the bytes readSpectrum needs (the headers of HDUs
// 0-2, the COADD and summary-row data units). And the same from the disk: --cold N reads (default 200) each drop
// the file's pages from the page cache first (posix_fadvise DONTNEED, through GNU dd's `iflag=nocache`; outside the
// timed part), then time readSpectrum, the floor's positioned reads and astropy on a file the kernel must fetch.
// The idle line: the cached reads again, the thread idle 2 ms before each — the decoding's own slowdown after a wait.
// Usage: node bench/read/run.mjs [--reads N] [--cold N]
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePython, runPythonJson } from '../lib/python-tools.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const fixtures = process.env.SPECTRA_SHARED_FIXTURES ?? resolve(root, '../shared/fixtures');
const dir = join(fixtures, 'spectra/sdss-spec');
if (!existsSync(dir)) {
  console.error(`no SDSS spec fixtures at ${dir}`);
  process.exit(1);
}
const distIndex = join(root, 'packages/fits/dist/index.js');
if (!existsSync(distIndex)) {
  console.error('build first: npx pnpm@10.34.8 build');
  process.exit(1);
}
const readsArg = process.argv.indexOf('--reads');
const reads = readsArg > 0 ? Number(process.argv[readsArg + 1]) : 1000;
const coldArg = process.argv.indexOf('--cold');
const coldReads = coldArg > 0 ? Number(process.argv[coldArg + 1]) : 200;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.fits'))
  .sort()
  .map((f) => join(dir, f));
const schedule = Array.from({ length: reads }, (_, i) => files[i % files.length]);

const { readSpectrum } = await import(distIndex);

// Warm up (300 reads: the JIT's steady state, as a batch run sees it), then time: each read opens the file from
// disk, decodes wavelength (float64), flux, ivar, masks and the SPALL row.
for (let i = 0; i < 300; i++) await readSpectrum(files[i % files.length]);
let checksum = 0;
const t0 = process.hrtime.bigint();
for (const file of schedule) {
  const s = await readSpectrum(file);
  checksum += s.wavelength[0] + s.flux[0] + s.ivar.length + s.andMask.length;
}
const spectraSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

// The floor: positioned reads of exactly the byte ranges readSpectrum needs (the headers of HDUs 0-2 — primary,
// COADD, and the summary row's table, the last one it looks at — and the data of COADD and of the summary table),
// measured on the same schedule.
const { openSync, readSync, closeSync, fstatSync } = await import('node:fs');
const { readFits } = await import(distIndex);
const ranges = new Map();
for (const file of files) {
  const fits = await readFits(file);
  const wanted = [];
  for (const hdu of fits.hdus.slice(0, 3)) {
    wanted.push([hdu.layout.headerOffset, hdu.layout.dataOffset - hdu.layout.headerOffset]);
    if (['COADD', 'SPALL', 'SPECOBJ'].includes(hdu.name.toUpperCase()))
      wanted.push([hdu.layout.dataOffset, hdu.layout.dataBytes]);
  }
  ranges.set(file, wanted);
}
const readNeeded = (file) => {
  let bytes = 0;
  const fd = openSync(file, 'r');
  fstatSync(fd);
  for (const [offset, length] of ranges.get(file)) {
    const buffer = new Uint8Array(length);
    bytes += readSync(fd, buffer, 0, length, offset);
  }
  closeSync(fd);
  return bytes;
};
const t1 = process.hrtime.bigint();
let neededBytes = 0;
for (const file of schedule) neededBytes += readNeeded(file);
const floorSeconds = Number(process.hrtime.bigint() - t1) / 1e9;

// From the disk: before each timed read the file's pages leave the page cache, so the kernel fetches what is read.
const { spawnSync } = await import('node:child_process');
const drop = (file) => {
  const done = spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
  if (done.status !== 0) throw new Error(`dd could not drop ${file} from the page cache: ${done.stderr}`);
};
// The floor's reads and readSpectrum alternate file by file (so both see the same disk), each after `before(file)`,
// outside the timed part.
const alternate = async (before) => {
  let spectrum = 0n;
  let floor = 0n;
  for (let i = 0; i < coldReads; i++) {
    const file = files[i % files.length];
    before(file);
    let t = process.hrtime.bigint();
    readNeeded(file);
    floor += process.hrtime.bigint() - t;
    before(file);
    t = process.hrtime.bigint();
    const s = await readSpectrum(file);
    spectrum += process.hrtime.bigint() - t;
    checksum += s.flux[0];
  }
  return { spectrum, floor };
};
const { spectrum: coldSpectrum, floor: coldFloor } = await alternate(drop);

// The same reads with the pages cached but the thread idle for 2 ms before each (as it is while the disk fetches):
// how much of the from-the-disk time is the processor resuming from idle rather than the device.
const idle = new Int32Array(new SharedArrayBuffer(4));
const { spectrum: idleSpectrum, floor: idleFloor } = await alternate(() => Atomics.wait(idle, 0, 0, 2));

const python = ensurePython(
  ['astropy', 'fitsio', 'numpy'],
  ['python3-astropy', 'python3-fitsio', 'python3-numpy'],
);
const script = `
import os, sys, time, json
import numpy as np
from astropy.io import fits
import fitsio
reads = int(sys.argv[1]); files = sys.argv[3:]
schedule = [files[i % len(files)] for i in range(reads)]
def with_astropy(path):
    with fits.open(path) as h:
        d = h['COADD'].data
        wave = 10.0 ** d['loglam'].astype(np.float64)
        flux, ivar, am, om = np.array(d['flux']), np.array(d['ivar']), np.array(d['and_mask']), np.array(d['or_mask'])
        row = h[2].data[0]
        return wave[0] + flux[0] + len(ivar) + len(am)
def coadd_astropy(path):
    with fits.open(path) as h:
        d = h['COADD'].data
        wave = 10.0 ** d['loglam'].astype(np.float64)
        flux, ivar, am = np.array(d['flux']), np.array(d['ivar']), np.array(d['and_mask'])
        return wave[0] + flux[0] + len(ivar) + len(am)
def coadd_fitsio(path):
    with fitsio.FITS(path) as f:
        d = f['COADD'].read(columns=['flux', 'loglam', 'ivar', 'and_mask'])
        wave = 10.0 ** d['loglam'].astype(np.float64)
        return wave[0] + d['flux'][0] + len(d['ivar']) + len(d['and_mask'])
def with_fitsio(path):
    with fitsio.FITS(path) as f:
        d = f['COADD'].read(columns=['flux', 'loglam', 'ivar', 'and_mask', 'or_mask'])
        wave = 10.0 ** d['loglam'].astype(np.float64)
        row = f[2].read(columns=['CLASS', 'SUBCLASS', 'Z'], rows=[0])  # fitsio cannot decode every SPALL column type
        return wave[0] + d['flux'][0] + len(d['ivar']) + len(d['and_mask'])
def dropped(path):
    fd = os.open(path, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
cold_reads = int(sys.argv[2])
out = {'versions': {'astropy': __import__('astropy').__version__, 'fitsio': fitsio.__version__, 'numpy': np.__version__}}
for name, fn in (('astropy', with_astropy), ('fitsio', with_fitsio), ('astropy_coadd', coadd_astropy), ('fitsio_coadd', coadd_fitsio)):
    for p in files: fn(p)
    t = time.perf_counter()
    for p in schedule: fn(p)
    out[name] = time.perf_counter() - t
for name, fn in (('astropy_cold', with_astropy), ('astropy_coadd_cold', coadd_astropy)):
    total = 0.0
    for i in range(cold_reads):
        p = files[i % len(files)]
        dropped(p)
        t = time.perf_counter()
        fn(p)
        total += time.perf_counter() - t
    out[name] = total
print(json.dumps(out))
`;
const py = runPythonJson(python, script, [String(reads), String(coldReads), ...files]);

const rate = (seconds) => reads / seconds;
const rows = [
  ['@spectra/fits readSpectrum', spectraSeconds],
  [`astropy ${py.versions.astropy}`, py.astropy],
  [`fitsio ${py.versions.fitsio}`, py.fitsio],
];
console.log(
  `bench/read: ${reads} reads of ${files.length} real SDSS spec files (${process.version}, numpy ${py.versions.numpy})`,
);
for (const [name, seconds] of rows) {
  console.log(
    `  ${name.padEnd(30)} ${rate(seconds).toFixed(0).padStart(7)} files/s  ${((seconds / reads) * 1000).toFixed(2)} ms/file`,
  );
}
console.log(
  `  ratio vs astropy: ${(py.astropy / spectraSeconds).toFixed(1)}x   ratio vs fitsio: ${(py.fitsio / spectraSeconds).toFixed(1)}x`,
);
console.log(
  `  COADD columns only: astropy ${((py.astropy_coadd / reads) * 1000).toFixed(2)} ms/file, fitsio ${((py.fitsio_coadd / reads) * 1000).toFixed(2)} ms/file; readSpectrum (with its summary row) ${spectraSeconds / py.astropy_coadd > 0 ? (py.astropy_coadd / spectraSeconds).toFixed(1) : '-'}x astropy, ${(py.fitsio_coadd / spectraSeconds).toFixed(1)}x fitsio`,
);
console.log(
  `  floor: positioned reads of the bytes readSpectrum needs (${(neededBytes / reads / 1024).toFixed(0)} KiB/file) ${((floorSeconds / reads) * 1000).toFixed(2)} ms/file; readSpectrum / floor = ${(spectraSeconds / floorSeconds).toFixed(1)}x`,
);
const ms = (ns) => (Number(ns) / 1e6 / coldReads).toFixed(2);
console.log(
  `  from the disk (${coldReads} reads, each file dropped from the page cache first): readSpectrum ${ms(coldSpectrum)} ms/file, floor ${ms(coldFloor)} ms/file, readSpectrum / floor = ${(Number(coldSpectrum) / Number(coldFloor)).toFixed(2)}x; astropy with the summary row ${((py.astropy_cold / coldReads) * 1000).toFixed(2)} ms/file (${((py.astropy_cold * 1e9) / Number(coldSpectrum)).toFixed(1)}x), COADD only ${((py.astropy_coadd_cold / coldReads) * 1000).toFixed(2)} ms/file (${((py.astropy_coadd_cold * 1e9) / Number(coldSpectrum)).toFixed(1)}x)`,
);
console.log(
  `  page cache, the thread idle 2 ms before each read: readSpectrum ${ms(idleSpectrum)} ms/file (${(Number(idleSpectrum) / 1e6 / coldReads / ((spectraSeconds / reads) * 1000)).toFixed(1)}x its time back to back), floor ${ms(idleFloor)} ms/file`,
);
console.log(`  (checksum ${checksum.toFixed(3)})`);
