import { gzipSync } from 'node:zlib';
import { bigEndian, card, concatBytes, handBuiltHdu, syntheticSpectrumFile } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { SpectraError } from './errors.js';
import { parseFits, readFits } from './fits-file.js';
import { readSpectrum } from './read-spectrum.js';
import { writeFits } from './write-fits.js';

const header = (bitpix: number, axes: number[], extra: string[] = []) => [
  card('SIMPLE', true),
  card('BITPIX', bitpix),
  card('NAXIS', axes.length),
  ...axes.map((n, i) => card(`NAXIS${i + 1}`, n)),
  ...extra,
];

function failure(action: () => unknown): SpectraError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SpectraError);
    return error as SpectraError;
  }
  throw new Error('expected a SpectraError');
}

describe('bad input gets a typed error naming the file and the problem', () => {
  it('a header without END', () => {
    const bytes = handBuiltHdu(header(8, []), new Uint8Array(0), { end: false });
    const error = failure(() => parseFits(bytes, { name: 'noend.fits' }));
    expect(error.code).toBe('SPECTRA_FITS_TRUNCATED');
    expect(error.message).toMatch(/no END card.*noend\.fits/);
  });

  it('a negative NAXISn', () => {
    const error = failure(() => parseFits(handBuiltHdu(header(16, [-4])), { name: 'neg.fits' }));
    expect(error.code).toBe('SPECTRA_FITS_BAD_HEADER');
    expect(error.message).toBe('invalid NAXIS1 -4 (HDU 0, neg.fits)');
  });

  it('an invalid BITPIX', () => {
    expect(failure(() => parseFits(handBuiltHdu(header(12, [2])))).message).toMatch(/invalid BITPIX 12/);
  });

  it('a TFORM that cannot be parsed', () => {
    const bytes = writeFits([{ type: 'bintable', columns: [{ name: 'x', data: new Float32Array([1]) }] }]);
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf("TFORM1  = '1E");
    const broken = bytes.slice();
    broken.set(
      [..."TFORM1  = '1Z      '"].map((c) => c.charCodeAt(0)),
      at,
    );
    const file = parseFits(broken, { name: 'tform.fits' });
    const error = failure(() => file.hdus[1].table());
    expect(error.code).toBe('SPECTRA_FITS_BAD_HEADER');
    expect(error.message).toMatch(/cannot parse TFORM1 '1Z'.*HDU 1, tform\.fits/);
  });

  it('a file cut short in the data, before anything is allocated for it', () => {
    const bytes = handBuiltHdu(header(-32, [100000]), bigEndian([1, 2, 3], 'setFloat32', 4));
    const error = failure(() => parseFits(bytes, { name: 'cut.fits' }));
    expect(error.code).toBe('SPECTRA_FITS_TRUNCATED');
    expect(error.message).toMatch(/declared as 400000 bytes but only 2880 remain/);
  });

  it('a header that declares an absurd size', () => {
    const error = failure(() => parseFits(handBuiltHdu(header(-64, [2 ** 30, 2 ** 30, 2 ** 30]))));
    expect(['SPECTRA_FITS_LIMIT', 'SPECTRA_FITS_TRUNCATED']).toContain(error.code);
  });

  it('a spectrum file cut anywhere but at an HDU boundary or inside padding fails cleanly', () => {
    const whole = syntheticSpectrumFile({ pixels: 500 });
    const hdus = parseFits(whole).hdus.map((h) => h.layout);
    const complete = (length: number) =>
      hdus.some(
        (h) =>
          length === h.headerOffset ||
          (length >= h.dataOffset + h.dataBytes &&
            length < Math.ceil((h.dataOffset + h.dataBytes) / 2880) * 2880),
      );
    let failures = 0;
    for (let length = 1; length < whole.length; length += 997) {
      if (complete(length)) {
        expect(() => parseFits(whole.subarray(0, length))).not.toThrow();
        continue;
      }
      const error = failure(() => parseFits(whole.subarray(0, length), { name: 'cut.fits' }));
      expect(['SPECTRA_FITS_TRUNCATED', 'SPECTRA_FITS_NOT_FITS']).toContain(error.code);
      expect(error.message).toMatch(/cut\.fits/);
      failures++;
    }
    expect(failures).toBeGreaterThan(15);
  });

  it('bytes that are not FITS', () => {
    expect(failure(() => parseFits(new TextEncoder().encode('hello'.repeat(1000)))).code).toBe(
      'SPECTRA_FITS_NOT_FITS',
    );
  });

  it('a corrupt gzip stream', () => {
    const gz = new Uint8Array(gzipSync(syntheticSpectrumFile({ pixels: 300 })));
    const corrupt = gz.slice(0, gz.length - 40);
    expect(failure(() => parseFits(corrupt)).code).toBe('SPECTRA_FITS_NOT_FITS');
  });

  it('a gzip stream larger than the allowed size', () => {
    const gz = new Uint8Array(gzipSync(new Uint8Array(1 << 20)));
    expect(failure(() => parseFits(gz, { maxBytes: 1000 })).code).toBe('SPECTRA_FITS_LIMIT');
  });

  it('a tile-compressed image is reported as unsupported', () => {
    const bytes = concatBytes(
      handBuiltHdu(header(8, [], [card('EXTEND', true)])),
      handBuiltHdu([
        card('XTENSION', 'BINTABLE'),
        card('BITPIX', 8),
        card('NAXIS', 2),
        card('NAXIS1', 8),
        card('NAXIS2', 0),
        card('PCOUNT', 0),
        card('GCOUNT', 1),
        card('TFIELDS', 1),
        card('TTYPE1', 'COMPRESSED_DATA'),
        card('TFORM1', '1PB(0)'),
        card('ZIMAGE', true),
      ]),
    );
    const file = parseFits(bytes);
    expect(file.hdus[1].type).toBe('compressed-image');
    expect(failure(() => file.hdus[1].image()).code).toBe('SPECTRA_FITS_UNSUPPORTED');
  });

  it('a missing file', async () => {
    await expect(readFits('/nonexistent/spec.fits')).rejects.toMatchObject({
      code: 'SPECTRA_IO',
      message: expect.stringMatching(/no such file.*spec\.fits/),
    });
  });

  it('a FITS file that is not a spectrum', async () => {
    await expect(
      readSpectrum(writeFits([{ type: 'bintable', columns: [{ name: 'a', data: new Int16Array([1, 2]) }] }])),
    ).rejects.toMatchObject({
      code: 'SPECTRA_UNKNOWN_LAYOUT',
    });
  });

  it('an image without any wavelength keywords', async () => {
    const bytes = writeFits([{ type: 'image', data: new Float32Array(10) }]);
    await expect(readSpectrum(bytes, { name: 'bare.fits' })).rejects.toMatchObject({
      code: 'SPECTRA_NO_WAVELENGTH',
    });
    const pixels = await readSpectrum(bytes, { allowPixelGrid: true });
    expect(pixels.grid.kind).toBe('pixel');
    expect(pixels.issues.map((i) => i.code)).toContain('SPECTRA_NO_WAVELENGTH');
  });

  it('trailing garbage after the last HDU is an issue, not an error', () => {
    const bytes = concatBytes(
      writeFits([{ type: 'image', data: new Float32Array(2) }]),
      new TextEncoder().encode('garbage'),
    );
    const file = parseFits(bytes);
    expect(file.issues.map((i) => i.code)).toContain('SPECTRA_FITS_TRAILING_BYTES');
  });
});
