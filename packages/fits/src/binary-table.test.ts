import { bigEndian, card, concatBytes, handBuiltHdu } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { parseFits } from './fits-file.js';

const primary = handBuiltHdu([
  card('SIMPLE', true),
  card('BITPIX', 8),
  card('NAXIS', 0),
  card('EXTEND', true),
]);

/** A BINTABLE with the given column cards (TTYPE/TFORM...) and raw row bytes. */
function table(rowBytes: number, rows: number, columnCards: string[], data: Uint8Array, pcount = 0) {
  const tfields = columnCards.filter((c) => c.startsWith('TFORM')).length;
  const hdu = handBuiltHdu(
    [
      card('XTENSION', 'BINTABLE'),
      card('BITPIX', 8),
      card('NAXIS', 2),
      card('NAXIS1', rowBytes),
      card('NAXIS2', rows),
      card('PCOUNT', pcount),
      card('GCOUNT', 1),
      card('TFIELDS', tfields),
      ...columnCards,
    ],
    data,
  );
  return parseFits(concatBytes(primary, hdu)).hdus[1].table();
}

describe('binary tables', () => {
  it('decodes E, D, I, J, K columns with repeat counts as one row-major typed array', () => {
    const rows = [
      concatBytes(
        bigEndian([1.5, 2.5], 'setFloat32', 4),
        bigEndian([Math.PI], 'setFloat64', 8),
        bigEndian([-3], 'setInt16', 2),
        bigEndian([70000], 'setInt32', 4),
        bigEndian([2n ** 60n], 'setBigInt64', 8),
      ),
      concatBytes(
        bigEndian([3.5, 4.5], 'setFloat32', 4),
        bigEndian([Math.E], 'setFloat64', 8),
        bigEndian([4], 'setInt16', 2),
        bigEndian([-1], 'setInt32', 4),
        bigEndian([-5n], 'setBigInt64', 8),
      ),
    ];
    const t = table(
      30,
      2,
      [
        card('TTYPE1', 'flux'),
        card('TFORM1', '2E'),
        card('TTYPE2', 'd'),
        card('TFORM2', 'D'),
        card('TTYPE3', 'i'),
        card('TFORM3', 'I'),
        card('TTYPE4', 'j'),
        card('TFORM4', 'J'),
        card('TTYPE5', 'k'),
        card('TFORM5', 'K'),
      ],
      concatBytes(...rows),
    );
    expect(t.column('flux')).toEqual(new Float32Array([1.5, 2.5, 3.5, 4.5]));
    expect(t.column('D')).toEqual(new Float64Array([Math.PI, Math.E]));
    expect(t.column('i')).toEqual(new Int16Array([-3, 4]));
    expect(t.column('j')).toEqual(new Int32Array([70000, -1]));
    expect(t.column('k')).toEqual(new BigInt64Array([2n ** 60n, -5n]));
    expect(t.row(1).d).toBe(Math.E);
    expect(t.row(0).flux).toEqual(new Float32Array([1.5, 2.5]));
  });

  it('decodes L (with nulls), X bits, B bytes and A strings', () => {
    const row = (l: number, x: number, b: number, text: string) =>
      concatBytes(
        new Uint8Array([l, x, b]),
        new Uint8Array([...text.padEnd(6, '\0')].map((c) => c.charCodeAt(0))),
      );
    const t = table(
      9,
      3,
      [
        card('TTYPE1', 'ok'),
        card('TFORM1', 'L'),
        card('TTYPE2', 'bits'),
        card('TFORM2', '3X'),
        card('TTYPE3', 'b'),
        card('TFORM3', 'B'),
        card('TTYPE4', 'name'),
        card('TFORM4', '6A'),
      ],
      concatBytes(
        row(0x54, 0b10100000, 200, 'Vega  '),
        row(0x46, 0b01100000, 0, 'Sirius'),
        row(0, 0, 7, 'Al'),
      ),
    );
    expect(t.column('ok')).toEqual(new Int8Array([1, 0, -1]));
    expect(t.row(2).ok).toBeNull();
    expect(t.column('bits')).toEqual(new Uint8Array([1, 0, 1, 0, 1, 1, 0, 0, 0]));
    expect(t.column('b')).toEqual(new Uint8Array([200, 0, 7]));
    expect(t.column('name')).toEqual(['Vega', 'Sirius', 'Al']);
  });

  it('applies TZERO unsigned conventions and TSCAL/TZERO scaling with TNULL', () => {
    const t = table(
      8,
      2,
      [
        card('TTYPE1', 'u16'),
        card('TFORM1', 'I'),
        card('TZERO1', 32768),
        card('TTYPE2', 'u32'),
        card('TFORM2', 'J'),
        card('TZERO2', 2147483648),
        card('TTYPE3', 'scaled'),
        card('TFORM3', 'I'),
        card('TSCAL3', 0.1),
        card('TZERO3', 5),
        card('TNULL3', -1),
      ],
      concatBytes(
        bigEndian([-32768], 'setInt16', 2),
        bigEndian([-1], 'setInt32', 4),
        bigEndian([20], 'setInt16', 2),
        bigEndian([32767], 'setInt16', 2),
        bigEndian([0], 'setInt32', 4),
        bigEndian([-1], 'setInt16', 2),
      ),
    );
    expect(t.column('u16')).toEqual(new Uint16Array([0, 65535]));
    expect(t.column('u32')).toEqual(new Uint32Array([2147483647, 2147483648]));
    const scaled = t.column('scaled') as Float64Array;
    expect(scaled[0]).toBeCloseTo(7, 12);
    expect(scaled[1]).toBeNaN();
  });

  it('decodes complex C and M columns as interleaved (re, im) pairs and keeps TDIM', () => {
    const t = table(
      24,
      1,
      [
        card('TTYPE1', 'c'),
        card('TFORM1', 'C'),
        card('TTYPE2', 'm'),
        card('TFORM2', 'M'),
        card('TTYPE3', 'grid'),
        card('TFORM3', '0E'),
        card('TDIM3', '(0,2)'),
      ],
      concatBytes(bigEndian([1, -1], 'setFloat32', 4), bigEndian([2.5, 0.5], 'setFloat64', 8)),
    );
    expect(t.column('c')).toEqual(new Float32Array([1, -1]));
    expect(t.column('m')).toEqual(new Float64Array([2.5, 0.5]));
    expect(t.info('grid')?.dim).toEqual([0, 2]);
  });

  it('reads variable-length P columns from the heap', () => {
    const descriptors = concatBytes(bigEndian([2, 0], 'setInt32', 4), bigEndian([1, 8], 'setInt32', 4));
    const heap = bigEndian([1.25, -2, 9], 'setFloat32', 4);
    const t = table(
      8,
      2,
      [card('TTYPE1', 'var'), card('TFORM1', '1PE(2)')],
      concatBytes(descriptors, heap),
      heap.length,
    );
    const column = t.column('var') as Float32Array[];
    expect(column[0]).toEqual(new Float32Array([1.25, -2]));
    expect(column[1]).toEqual(new Float32Array([9]));
  });

  it('reads variable-length Q columns (64-bit descriptors) with a THEAP gap', () => {
    const descriptors = bigEndian([3n, 0n], 'setBigInt64', 8);
    const gap = new Uint8Array(4);
    const heap = bigEndian([7, -8, 9], 'setInt16', 2);
    const hdu = handBuiltHdu(
      [
        card('XTENSION', 'BINTABLE'),
        card('BITPIX', 8),
        card('NAXIS', 2),
        card('NAXIS1', 16),
        card('NAXIS2', 1),
        card('PCOUNT', gap.length + heap.length),
        card('GCOUNT', 1),
        card('TFIELDS', 1),
        card('TTYPE1', 'q'),
        card('TFORM1', '1QI(3)'),
        card('THEAP', 20),
      ],
      concatBytes(descriptors, gap, heap),
    );
    const column = parseFits(concatBytes(primary, hdu)).hdus[1].table().column('q') as Int16Array[];
    expect(column[0]).toEqual(new Int16Array([7, -8, 9]));
  });

  it('refuses a P descriptor that points outside the heap', () => {
    const t = table(
      8,
      1,
      [card('TTYPE1', 'var'), card('TFORM1', '1PE(2)')],
      bigEndian([1000, 0], 'setInt32', 4),
      4,
    );
    expect(() => t.column('var')).toThrowError(expect.objectContaining({ code: 'SPECTRA_FITS_TRUNCATED' }));
  });

  it('describes the columns of a header seen before once, and still reports its issues in every file', () => {
    // Two files with the same table header (a bad TDIM and a padded row): the second reuses the first's columns.
    const file = () => {
      const hdu = handBuiltHdu(
        [
          card('XTENSION', 'BINTABLE'),
          card('BITPIX', 8),
          card('NAXIS', 2),
          card('NAXIS1', 6),
          card('NAXIS2', 1),
          card('PCOUNT', 0),
          card('GCOUNT', 1),
          card('TFIELDS', 1),
          card('TTYPE1', 'x'),
          card('TFORM1', '1E'),
          card('TDIM1', 'not a shape'),
        ],
        concatBytes(bigEndian([2.5], 'setFloat32', 4), new Uint8Array(2)),
      );
      return parseFits(concatBytes(primary, hdu), { name: 'same-header.fits' });
    };
    const [first, second] = [file(), file()];
    const tables = [first.hdus[1].table(), second.hdus[1].table()];
    expect(tables[1].columns).toBe(tables[0].columns);
    for (const fits of [first, second])
      expect(fits.issues.map((i) => [i.code, i.hdu])).toEqual([
        ['SPECTRA_FITS_BAD_TDIM', 1],
        ['SPECTRA_FITS_ROW_PADDING', 1],
      ]);
    expect((tables[1].column('x') as Float32Array)[0]).toBe(2.5);
    expect(Object.isFrozen(tables[0].columns[0])).toBe(true);
  });

  it('names the missing column and the columns present', () => {
    const t = table(4, 1, [card('TTYPE1', 'flux'), card('TFORM1', 'E')], bigEndian([1], 'setFloat32', 4));
    expect(() => t.column('loglam')).toThrowError(/no column 'loglam' \(columns: flux\)/);
  });

  it('reads a basic ASCII table', () => {
    const rows = 'Vega   0.03 1.2D+01'.padEnd(20) + 'Deneb  1.25        '.padEnd(20);
    const hdu = handBuiltHdu(
      [
        card('XTENSION', 'TABLE'),
        card('BITPIX', 8),
        card('NAXIS', 2),
        card('NAXIS1', 20),
        card('NAXIS2', 2),
        card('PCOUNT', 0),
        card('GCOUNT', 1),
        card('TFIELDS', 3),
        card('TTYPE1', 'name'),
        card('TBCOL1', 1),
        card('TFORM1', 'A6'),
        card('TTYPE2', 'vmag'),
        card('TBCOL2', 8),
        card('TFORM2', 'F4.2'),
        card('TTYPE3', 'x'),
        card('TBCOL3', 13),
        card('TFORM3', 'D7.1'),
      ],
      new Uint8Array([...rows].map((c) => c.charCodeAt(0))),
    );
    const ascii = parseFits(concatBytes(primary, hdu)).hdus[1].asciiTable();
    expect(ascii.column('name')).toEqual(['Vega', 'Deneb']);
    expect(ascii.column('vmag')).toEqual(new Float64Array([0.03, 1.25]));
    const x = ascii.column('x') as Float64Array;
    expect(x[0]).toBe(12);
    expect(x[1]).toBeNaN();
  });
});
