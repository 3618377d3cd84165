/**
 * Builds a FITS HDU byte-by-byte from card images and raw big-endian data, without going through
 * our writer, so reader tests do not depend on it. Cards are padded to 80 characters; END is appended.
 */
export function handBuiltHdu(
  cards: string[],
  data: Uint8Array = new Uint8Array(0),
  options: { end?: boolean } = {},
): Uint8Array {
  const images = cards.map((card) => card.padEnd(80).slice(0, 80));
  if (options.end !== false) images.push('END'.padEnd(80));
  const headerLength = Math.ceil((images.length * 80) / 2880) * 2880;
  const dataLength = Math.ceil(data.length / 2880) * 2880;
  const out = new Uint8Array(headerLength + dataLength);
  out.fill(0x20, 0, headerLength);
  const text = images.join('');
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  out.set(data, headerLength);
  return out;
}

/** Concatenates HDUs into one file. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A value card in fixed format: `KEYWORD = value` with the value right-aligned to column 30. */
export function card(keyword: string, value: string | number | boolean, comment?: string): string {
  const text =
    typeof value === 'boolean'
      ? value
        ? 'T'
        : 'F'
      : typeof value === 'number'
        ? String(value)
        : `'${value.replaceAll("'", "''").padEnd(8)}'`;
  const body = `${keyword.padEnd(8)}= ${typeof value === 'string' ? text : text.padStart(20)}`;
  return comment ? `${body} / ${comment}` : body;
}

/** Big-endian bytes of numbers written with a DataView setter (e.g. 'setInt16'). */
export function bigEndian(
  values: Array<number | bigint>,
  setter: 'setInt8' | 'setUint8' | 'setInt16' | 'setInt32' | 'setBigInt64' | 'setFloat32' | 'setFloat64',
  size: number,
): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => {
    (view[setter] as (offset: number, value: number | bigint) => void).call(view, i * size, value);
  });
  return out;
}
