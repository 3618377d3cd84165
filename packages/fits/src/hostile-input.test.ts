import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { card, concatBytes, handBuiltHdu, syntheticSpectrumFile } from '@spectra/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { SpectraError } from './errors.js';
import { parseFits, readFits } from './fits-file.js';
import { readSpectrum } from './read-spectrum.js';

// Files an attacker or a careless user could hand us, built here (none is stored). Each must give a typed error or
// a correct read, quickly, without allocating beyond a small multiple of its size. Memory is measured as the peak
// RSS of a child process that reads the file with the built package, minus that of reading a tiny file.

const dir = mkdtempSync(join(tmpdir(), 'spectra-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const MiB = 2 ** 20;

const primary = () =>
  handBuiltHdu([card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 0), card('EXTEND', true)]);

function bintable(
  cards: string[],
  rowBytes: number,
  rows: number,
  data: Uint8Array = new Uint8Array(0),
  pcount = 0,
) {
  return handBuiltHdu(
    [
      card('XTENSION', 'BINTABLE'),
      card('BITPIX', 8),
      card('NAXIS', 2),
      card('NAXIS1', rowBytes),
      card('NAXIS2', rows),
      card('PCOUNT', pcount),
      card('GCOUNT', 1),
      ...cards,
    ],
    data,
  );
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function failure(action: () => unknown): Promise<SpectraError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(SpectraError);
    return error as SpectraError;
  }
  throw new Error('expected a SpectraError');
}

/** Reads a file in a child (open, every HDU and column, the spectrum); returns its outcome, seconds and peak RSS. */
function readInChild(path: string, options: { maxBytes?: number } = {}) {
  const script = `
    const fits = await import(${JSON.stringify(dist)});
    const started = performance.now();
    let code = 'ok';
    try {
      const file = await fits.readFits(${JSON.stringify(path)}, ${JSON.stringify(options)});
      for (const hdu of file.hdus) {
        try {
          if (hdu.type === 'bintable') { const t = hdu.table(); for (const c of t.columns) t.column(c.name); }
          else if (hdu.type === 'table') { const t = hdu.asciiTable(); for (const c of t.columns) t.column(c.name); }
          else if (hdu.isImage) hdu.image();
        } catch (error) { if (!(error instanceof fits.SpectraError)) throw error; code = error.code; }
      }
    } catch (error) { code = error instanceof fits.SpectraError ? error.code : 'UNTYPED ' + error.message; }
    const seconds = (performance.now() - started) / 1000;
    // VmHWM: this process's own peak (getrusage's maxRSS can carry the parent's over fork and exec).
    const status = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
    const hwm = Number(/VmHWM:\\s*(\\d+)/.exec(status)?.[1] ?? process.resourceUsage().maxRSS);
    console.log(JSON.stringify({ code, seconds, rss: hwm * 1024 }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as { code: string; seconds: number; rss: number };
}

const baseline = () => readInChild(save('tiny.fits', primary())).rss;

describe.runIf(existsSync(dist))('hostile files: typed errors, bounded time and memory', () => {
  it('1. a zero-width string column with 200 million rows: a typed error, not an abort', async () => {
    const bytes = concatBytes(
      primary(),
      bintable([card('TFIELDS', 1), card('TFORM1', '0A')], 0, 200_000_000),
    );
    expect(bytes.length).toBe(5760);
    const file = parseFits(bytes, { name: 'zero-width.fits' });
    const started = performance.now();
    const error = await failure(() => file.hdus[1].table().column(0));
    expect(error.code).toBe('SPECTRA_FITS_LIMIT');
    expect(error.message).toMatch(/column 'col1'.*decode budget.*zero-width\.fits/);
    expect(file.hdus[1].table().row(199_999_999)).toEqual({ col1: '' });
    expect(performance.now() - started).toBeLessThan(1000);
    const child = readInChild(save('zero-width.fits', bytes));
    expect(child.code).toBe('SPECTRA_FITS_LIMIT');
    expect(child.rss - baseline()).toBeLessThan(64 * MiB);
  });

  it('1. an ASCII table with an A0 field and 200 million rows', async () => {
    const table = handBuiltHdu([
      card('XTENSION', 'TABLE'),
      card('BITPIX', 8),
      card('NAXIS', 2),
      card('NAXIS1', 0),
      card('NAXIS2', 200_000_000),
      card('PCOUNT', 0),
      card('GCOUNT', 1),
      card('TFIELDS', 1),
      card('TFORM1', 'A0'),
      card('TBCOL1', 1),
    ]);
    const file = parseFits(concatBytes(primary(), table));
    const error = await failure(() => file.hdus[1].asciiTable().column(0));
    expect(error.code).toBe('SPECTRA_FITS_LIMIT');
  });

  it('1. such a table in the SPALL slot of a good SDSS spec file: the spectrum is still read', async () => {
    const good = syntheticSpectrumFile({ pixels: 300 });
    const spall = parseFits(good).find('SPALL');
    const hostile = concatBytes(
      good.subarray(0, spall?.layout.headerOffset),
      bintable([card('EXTNAME', 'SPALL'), card('TFIELDS', 1), card('TFORM1', '0A')], 0, 200_000_000),
    );
    const started = performance.now();
    const spectrum = await readSpectrum(hostile);
    expect(spectrum.flux.length).toBe(300);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('2. CONTINUE long strings are parsed in linear time: 100,000 cards in under a second', () => {
    const cards = [card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 0), "LONGSTR = 'a&'"];
    for (let i = 0; i < 100_000; i++) cards.push("CONTINUE  'bc&'");
    cards.push("CONTINUE  'end'");
    const bytes = handBuiltHdu(cards);
    const started = performance.now();
    const file = parseFits(bytes);
    expect(performance.now() - started).toBeLessThan(1000);
    const value = file.primary.header.get('LONGSTR') as string;
    expect(value.length).toBe(1 + 200_000 + 3);
    expect(value.endsWith('bcend')).toBe(true);
  });

  it('3. a path that is not a regular file is refused at once: a character device and a FIFO', async () => {
    const device = await failure(() => readFits('/dev/zero'));
    expect(device.code).toBe('SPECTRA_IO');
    expect(device.message).toMatch(/not a regular file \(a character device\).*\/dev\/zero/);
    const fifo = join(dir, 'pipe.fits');
    spawnSync('mkfifo', [fifo]);
    if (existsSync(fifo)) {
      const started = performance.now();
      const error = await failure(() => readFits(fifo));
      expect(error.message).toMatch(/a FIFO/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('3. a file larger than maxBytes is refused before it is read', async () => {
    const path = save('big.fits', syntheticSpectrumFile({ pixels: 3000 }));
    const error = await failure(() => readFits(path, { maxBytes: 10_000 }));
    expect(error.code).toBe('SPECTRA_FITS_LIMIT');
    expect(error.message).toMatch(/more than the 10000-byte limit/);
  });

  it('4. gzip bombs stop at the budget, or as soon as the bytes stop looking like FITS', () => {
    // A header that declares 1 GiB of data: refused at its first block, whatever follows. (Streams that declare
    // at most 64 MiB in their trailer are inflated natively in one call, bounded by that size; this one is larger.)
    const declared = gzipSync(
      concatBytes(
        handBuiltHdu([card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 1), card('NAXIS1', 2 ** 30)]),
        new Uint8Array(96 * MiB),
      ),
    );
    const bomb = save('declared.fits.gz', declared);
    const a = readInChild(bomb, { maxBytes: 256 * MiB });
    expect(a.code).toBe('SPECTRA_FITS_LIMIT');
    // No END card: a header of blank cards, stopped at the header limit, not at the file limit.
    const noEnd = gzipSync(
      concatBytes(handBuiltHdu([card('SIMPLE', true)], new Uint8Array(0), { end: false }), spaces(160 * MiB)),
    );
    const b = readInChild(save('no-end.fits.gz', noEnd));
    expect(b.code).toBe('SPECTRA_FITS_LIMIT');
    // Binary bytes where a header should be: stopped at the first such block.
    const binary = gzipSync(
      concatBytes(
        handBuiltHdu([card('SIMPLE', true)], new Uint8Array(0), { end: false }),
        new Uint8Array(160 * MiB),
      ),
    );
    const c = readInChild(save('binary.fits.gz', binary));
    expect(c.code).toBe('SPECTRA_FITS_NOT_FITS');
    // A valid header with data past the limit: stopped at the limit, memory ≤ the limit + a constant.
    const past = gzipSync(
      concatBytes(
        handBuiltHdu([card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 1), card('NAXIS1', 200 * MiB)]),
        new Uint8Array(200 * MiB),
      ),
    );
    const d = readInChild(save('past.fits.gz', past), { maxBytes: 100 * MiB });
    expect(d.code).toBe('SPECTRA_FITS_LIMIT');
    const base = baseline();
    for (const run of [a, b, c]) {
      expect(run.seconds).toBeLessThan(2);
      expect(run.rss - base).toBeLessThan(96 * MiB);
    }
    expect(d.rss - base).toBeLessThan(100 * MiB + 64 * MiB);
  });

  it('5. memory per byte: 42 MB of one-character strings and of bits decode within 4x the file + a constant', () => {
    const rows = 42 * 2 ** 20;
    const strings = concatBytes(
      primary(),
      bintable([card('TFIELDS', 1), card('TFORM1', '1A')], 1, rows, new Uint8Array(rows).fill(0x41)),
    );
    const bits = concatBytes(
      primary(),
      bintable([card('TFIELDS', 1), card('TFORM1', '8X')], 1, rows, new Uint8Array(rows).fill(0xa5)),
    );
    const base = baseline();
    for (const [name, bytes] of [
      ['strings.fits', strings],
      ['bits.fits', bits],
    ] as const) {
      const run = readInChild(save(name, bytes));
      expect(['ok', 'SPECTRA_FITS_LIMIT']).toContain(run.code);
      expect(run.rss - base, name).toBeLessThan(4 * bytes.length + 64 * MiB);
    }
  });

  it('6. a negative THEAP is a typed error, not a read of header bytes', async () => {
    const descriptors = new Uint8Array(8);
    const bytes = concatBytes(
      primary(),
      bintable(
        [card('TFIELDS', 1), card('TFORM1', '1PE(2)'), card('THEAP', -2880)],
        8,
        1,
        concatBytes(descriptors, new Uint8Array(8)),
        8,
      ),
    );
    const error = await failure(() => parseFits(bytes).hdus[1].table());
    expect(error.code).toBe('SPECTRA_FITS_BAD_HEADER');
    expect(error.message).toMatch(/THEAP -2880/);
  });
});

function spaces(length: number): Uint8Array {
  return new Uint8Array(length).fill(0x20);
}
