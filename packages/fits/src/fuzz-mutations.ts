const latin1 = new TextDecoder('latin1');
const INTERESTING = [
  '-1',
  '0',
  '999999999',
  '2147483648',
  '-64',
  '16',
  "'1PE(9)'",
  "'9999E'",
  'T',
  "''",
  '1E400',
  'NaN',
];

/**
 * Returns a mutated copy of a FITS file: a random byte flip, a truncation, a header value replaced by an
 * interesting one, a card shuffled, or bytes inserted. `random` returns uniform numbers in [0, 1).
 * Used by the fuzz test and the longer fuzz script in bench/.
 */
export function mutate(original: Uint8Array, random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  const kind = pick(5);
  if (kind === 0) {
    const out = original.slice();
    for (let k = 0, n = 1 + pick(8); k < n; k++) out[pick(out.length)] = pick(256);
    return out;
  }
  if (kind === 1) return original.slice(0, pick(original.length));
  if (kind === 2) {
    const out = original.slice();
    const text = latin1.decode(out.subarray(0, Math.min(out.length, 2880 * 40)));
    const cards: number[] = [];
    for (let at = text.indexOf('= '); at >= 0 && cards.length < 2000; at = text.indexOf('= ', at + 1)) {
      if ((at - 8) % 80 === 0) cards.push(at - 8);
    }
    if (cards.length === 0) return out;
    const at = cards[pick(cards.length)];
    const value = INTERESTING[pick(INTERESTING.length)].padStart(20).padEnd(70);
    for (let i = 0; i < 70; i++) out[at + 10 + i] = value.charCodeAt(i);
    return out;
  }
  if (kind === 3) {
    const out = original.slice();
    const a = pick(Math.floor(out.length / 80)) * 80;
    const b = pick(Math.floor(out.length / 80)) * 80;
    const cardA = out.slice(a, a + 80);
    out.copyWithin(a, b, b + 80);
    out.set(cardA, b);
    return out;
  }
  const at = pick(original.length);
  const insert = new Uint8Array(1 + pick(100)).map(() => pick(256));
  const out = new Uint8Array(original.length + insert.length);
  out.set(original.subarray(0, at));
  out.set(insert, at);
  out.set(original.subarray(at), at + insert.length);
  return out;
}
