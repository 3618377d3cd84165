import { bigEndian, card, concatBytes, handBuiltHdu } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { parseFits } from './fits-file.js';

function image(bitpix: number, axes: number[], data: Uint8Array, ...extra: string[]) {
  const cards = [card('SIMPLE', true), card('BITPIX', bitpix), card('NAXIS', axes.length)];
  for (const [i, n] of axes.entries()) cards.push(card(`NAXIS${i + 1}`, n));
  return parseFits(handBuiltHdu([...cards, ...extra], data)).primary.image();
}

describe('images', () => {
  it('decodes BITPIX 8 as Uint8Array', () => {
    const { data } = image(8, [3], new Uint8Array([0, 128, 255]));
    expect(data).toBeInstanceOf(Uint8Array);
    expect([...data]).toEqual([0, 128, 255]);
  });

  it('decodes BITPIX 16, 32 and 64 big-endian integers', () => {
    expect([...image(16, [2], bigEndian([-2, 30000], 'setInt16', 2)).data]).toEqual([-2, 30000]);
    expect([...image(32, [2], bigEndian([-70000, 2 ** 31 - 1], 'setInt32', 4)).data]).toEqual([
      -70000,
      2 ** 31 - 1,
    ]);
    const i64 = image(64, [2], bigEndian([-(2n ** 62n), 5n], 'setBigInt64', 8)).data;
    expect(i64).toBeInstanceOf(BigInt64Array);
    expect([...i64]).toEqual([-(2n ** 62n), 5n]);
  });

  it('decodes BITPIX -32 as Float32Array and -64 as Float64Array without losing precision', () => {
    const f32 = image(-32, [2], bigEndian([1.5, -0.25], 'setFloat32', 4)).data;
    expect(f32).toBeInstanceOf(Float32Array);
    expect([...f32]).toEqual([1.5, -0.25]);
    const value = 0.1 + 0.2;
    const f64 = image(-64, [2], bigEndian([value, Math.PI], 'setFloat64', 8)).data;
    expect(f64).toBeInstanceOf(Float64Array);
    expect([...f64]).toEqual([value, Math.PI]);
  });

  it('applies unsigned BZERO conventions for 8, 16, 32 and 64 bits', () => {
    const int8 = image(8, [2], new Uint8Array([0, 255]), card('BZERO', -128));
    expect(int8.data).toBeInstanceOf(Int8Array);
    expect([...int8.data]).toEqual([-128, 127]);
    const u16 = image(
      16,
      [2],
      bigEndian([-32768, 32767], 'setInt16', 2),
      card('BZERO', 32768),
      card('BSCALE', 1),
    );
    expect(u16.data).toBeInstanceOf(Uint16Array);
    expect([...u16.data]).toEqual([0, 65535]);
    const u32 = image(32, [1], bigEndian([2 ** 31 - 1], 'setInt32', 4), card('BZERO', 2147483648));
    expect(u32.data).toBeInstanceOf(Uint32Array);
    expect([...u32.data]).toEqual([2 ** 32 - 1]);
    const u64 = image(64, [1], bigEndian([-1n], 'setBigInt64', 8), 'BZERO   =  9223372036854775808');
    expect(u64.data).toBeInstanceOf(BigUint64Array);
    expect([...u64.data]).toEqual([2n ** 63n - 1n]);
  });

  it('applies BSCALE/BZERO to floats and turns BLANK into NaN', () => {
    const scaled = image(
      16,
      [3],
      bigEndian([10, -5, -999], 'setInt16', 2),
      card('BSCALE', 0.5),
      card('BZERO', 100),
      card('BLANK', -999),
    );
    expect(scaled.data).toBeInstanceOf(Float32Array);
    expect(scaled.scaled).toBe(true);
    expect([...scaled.data]).toEqual([105, 97.5, Number.NaN]);
    const wide = image(32, [1], bigEndian([3], 'setInt32', 4), card('BSCALE', 1e-3), card('BZERO', 1));
    expect(wide.data).toBeInstanceOf(Float64Array);
    expect(wide.data[0]).toBeCloseTo(1.003, 12);
  });

  it('keeps raw integers and reports BLANK when scaling is off', () => {
    const raw = image(16, [2], bigEndian([7, -1], 'setInt16', 2), card('BLANK', -1));
    expect(raw.data).toBeInstanceOf(Int16Array);
    expect(raw.blank).toBe(-1);
  });

  it('reads NAXIS 3 in row-major order with a numpy-style shape', () => {
    const values = Array.from({ length: 24 }, (_, i) => i);
    const cube = image(16, [4, 3, 2], bigEndian(values, 'setInt16', 2));
    expect(cube.shape).toEqual([2, 3, 4]);
    expect(cube.axes).toEqual([4, 3, 2]);
    expect(cube.data[1 * 12 + 2 * 4 + 3]).toBe(23);
  });

  it('reads IMAGE extensions after an empty primary', () => {
    const primary = handBuiltHdu([
      card('SIMPLE', true),
      card('BITPIX', 8),
      card('NAXIS', 0),
      card('EXTEND', true),
    ]);
    const extension = handBuiltHdu(
      [
        card('XTENSION', 'IMAGE'),
        card('BITPIX', -32),
        card('NAXIS', 1),
        card('NAXIS1', 2),
        card('PCOUNT', 0),
        card('GCOUNT', 1),
        card('EXTNAME', 'FLUX'),
      ],
      bigEndian([1, 2], 'setFloat32', 4),
    );
    const file = parseFits(concatBytes(primary, extension));
    expect(file.hdu('flux').image().data).toEqual(new Float32Array([1, 2]));
    expect(file.primary.isImage).toBe(false);
  });
});
