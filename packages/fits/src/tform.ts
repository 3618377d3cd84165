import type { ElementType } from './big-endian.js';

/** The data type letter of a binary-table TFORM. */
export type TformType = 'L' | 'X' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D' | 'C' | 'M' | 'P' | 'Q';

/** A parsed binary-table TFORM such as `3908E`, `1PE(3908)` or `16A`. */
export interface Tform {
  repeat: number;
  type: TformType;
  /** For P/Q descriptors: the element type in the heap. */
  heapType?: Exclude<TformType, 'P' | 'Q'>;
  /** For P/Q descriptors: the maximum element count, when given. */
  heapMax?: number;
  /** Bytes this column occupies in a row. */
  bytes: number;
}

const TFORM = /^\s*(\d*)\s*([LXBIJKAEDCMPQ])(.*)$/;
const HEAP = /^\s*([LXBIJKAEDCM])\s*(?:\(\s*(\d*)\s*\))?\s*$/;

/** Bytes per element of each type in a row (X is handled by bits). */
export const TFORM_BYTES: Record<Exclude<TformType, 'X'>, number> = {
  L: 1,
  B: 1,
  I: 2,
  J: 4,
  K: 8,
  A: 1,
  E: 4,
  D: 8,
  C: 8,
  M: 16,
  P: 8,
  Q: 16,
};

/** The element type each numeric TFORM letter decodes as (C and M as pairs of floats). */
export const TFORM_ELEMENT: Partial<Record<TformType, ElementType>> = {
  B: 'u8',
  I: 'i16',
  J: 'i32',
  K: 'i64',
  E: 'f32',
  D: 'f64',
  C: 'f32',
  M: 'f64',
};

/** Parses a TFORM value; returns undefined when it is not a valid binary-table format. */
export function parseTform(text: string): Tform | undefined {
  const match = TFORM.exec(text.toUpperCase());
  if (!match) return undefined;
  const repeat = match[1] === '' ? 1 : Number(match[1]);
  if (!Number.isSafeInteger(repeat)) return undefined;
  const type = match[2] as TformType;
  const rest = match[3];
  if (type === 'P' || type === 'Q') {
    const heap = HEAP.exec(rest);
    if (!heap || repeat > 1) return undefined;
    const heapMax = heap[2] ? Number(heap[2]) : undefined;
    return {
      repeat,
      type,
      heapType: heap[1] as Tform['heapType'],
      heapMax,
      bytes: repeat * TFORM_BYTES[type],
    };
  }
  // 'rAw' (substring width) and other trailing text are allowed after A; nothing else may follow.
  if (rest.trim() !== '' && !(type === 'A' && /^\d+$/.test(rest.trim()))) return undefined;
  const bytes = type === 'X' ? Math.ceil(repeat / 8) : repeat * TFORM_BYTES[type];
  return { repeat, type, bytes };
}
