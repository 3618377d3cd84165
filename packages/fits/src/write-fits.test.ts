import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumericArray } from './big-endian.js';
import { parseFits } from './fits-file.js';
import { type HduInput, writeFits } from './write-fits.js';

type Lengths = { minLength?: number; maxLength: number };
const arrayMakers: Array<(lengths: Lengths) => fc.Arbitrary<NumericArray>> = [
  (l) => fc.uint8Array(l),
  (l) => fc.int8Array(l),
  (l) => fc.int16Array(l),
  (l) => fc.uint16Array(l),
  (l) => fc.int32Array(l),
  (l) => fc.uint32Array(l),
  (l) => fc.bigInt64Array(l),
  (l) => fc.bigUint64Array(l),
  (l) => fc.float32Array(l),
  (l) => fc.float64Array(l),
];
const anyArray = fc.oneof(...arrayMakers.map((make) => make({ maxLength: 40 })));

const cardValue = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n }).filter((v) => !Number.isSafeInteger(Number(v))),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: fc.constantFrom(..." abcXYZ019'&/=-_.".split('')), maxLength: 150 }),
);

describe('writeFits → parseFits round trips', () => {
  it('images of every typed array type come back with the same type and values', () => {
    fc.assert(
      fc.property(anyArray, (data) => {
        const file = parseFits(writeFits([{ type: 'image', data }]));
        const back = file.primary.image().data;
        expect(back.constructor).toBe(data.constructor);
        expect(back).toEqual(data);
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('header cards of every value type come back equal (long strings through CONTINUE)', () => {
    fc.assert(
      fc.property(fc.array(cardValue, { maxLength: 12 }), (values) => {
        const header = values.map((value, i) => ({
          keyword: `KEY${i}`,
          value,
          comment: i % 2 ? 'a comment' : undefined,
        }));
        const parsed = parseFits(writeFits([{ type: 'image', header }])).primary.header;
        values.forEach((value, i) => {
          const back = parsed.get(`KEY${i}`);
          if (typeof value === 'string') expect(back).toBe(value.trimEnd());
          else if (typeof value === 'bigint') expect(BigInt(back as bigint | number)).toBe(value);
          else if (typeof value === 'number' && Number.isInteger(value))
            expect(back).toBe(value === 0 ? 0 : value);
          else expect(back).toBe(value === 0 ? 0 : value);
        });
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('binary tables with fixed, string, logical, complex and variable-length columns round trip', () => {
    const tableArbitrary = fc
      .record({
        rows: fc.integer({ min: 0, max: 12 }),
        repeat: fc.integer({ min: 1, max: 4 }),
        kind: fc.nat({ max: arrayMakers.length - 1 }),
      })
      .chain(({ rows, repeat, kind }) =>
        fc.record({
          rows: fc.constant(rows),
          repeat: fc.constant(repeat),
          numeric: arrayMakers[kind]({ minLength: rows * repeat, maxLength: rows * repeat }),
          names: fc.array(fc.string({ unit: fc.constantFrom(...'abc xyz-'.split('')), maxLength: 10 }), {
            minLength: rows,
            maxLength: rows,
          }),
          flags: fc.array(fc.boolean(), { minLength: rows, maxLength: rows }),
          variable: fc.array(fc.float32Array({ maxLength: 6 }), { minLength: rows, maxLength: rows }),
        }),
      );
    fc.assert(
      fc.property(tableArbitrary, ({ rows, repeat, numeric, names, flags, variable }) => {
        const complex = new Float64Array(rows * 2).map((_, i) => i * 0.5 - 1);
        const hdus: HduInput[] = [
          {
            type: 'bintable',
            name: 'DATA',
            rows,
            columns: [
              { name: 'numeric', data: numeric, repeat },
              { name: 'name', data: names, repeat: 10 },
              { name: 'flag', data: flags },
              { name: 'z', data: complex, complex: true },
              ...(rows > 0 ? [{ name: 'var', data: variable }] : []),
            ],
          },
        ];
        const table = parseFits(writeFits(hdus)).hdu('DATA').table();
        expect(table.rows).toBe(rows);
        expect(table.column('numeric')).toEqual(numeric);
        expect(table.column('name')).toEqual(names.map((s) => s.trimEnd()));
        expect([...(table.column('flag') as Int8Array)]).toEqual(flags.map((f) => (f ? 1 : 0)));
        expect(table.column('z')).toEqual(complex);
        if (rows > 0) expect(table.column('var')).toEqual(variable);
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('writes multi-dimensional images and gzip-compressed files read back identically', () => {
    const data = new Float32Array(24).map((_, i) => i / 3);
    const bytes = writeFits([
      { type: 'image' },
      { type: 'image', name: 'CUBE', data, axes: [4, 3, 2], header: [{ keyword: 'BUNIT', value: 'adu' }] },
    ]);
    for (const source of [bytes, new Uint8Array(gzipSync(bytes))]) {
      const file = parseFits(source);
      expect(file.gzipped).toBe(source !== bytes);
      const cube = file.hdu('CUBE');
      expect(cube.shape).toEqual([2, 3, 4]);
      expect(cube.image().data).toEqual(data);
      expect(cube.header.get('BUNIT')).toBe('adu');
    }
  });

  it('every written file is a whole number of 2880-byte blocks and has no issues', () => {
    const bytes = writeFits([
      { type: 'bintable', columns: [{ name: 'x', data: new Float64Array([1, 2, 3]) }] },
    ]);
    expect(bytes.length % 2880).toBe(0);
    expect(parseFits(bytes).issues).toEqual([]);
  });

  it('refuses structural keywords in user cards and values FITS cannot hold', () => {
    expect(() => writeFits([{ type: 'image', header: [{ keyword: 'NAXIS', value: 3 }] }])).toThrowError(
      /set by the writer/,
    );
    expect(() =>
      writeFits([{ type: 'image', header: [{ keyword: 'BAD', value: Number.NaN }] }]),
    ).toThrowError(/NaN/);
    expect(() => writeFits([{ type: 'image', data: new Float32Array(3), axes: [2] }])).toThrowError(
      /do not fill/,
    );
  });
});
