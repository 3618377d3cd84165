/** The MK spectral classes in temperature order, hottest first. */
export const MK_CLASSES = ['O', 'B', 'A', 'F', 'G', 'K', 'M'] as const;
export type MkClass = (typeof MK_CLASSES)[number];

/**
 * The blue-violet region the MK types are defined in (Morgan, Keenan & Kellman 1943; Gray & Corbally 2009): the
 * Balmer lines, Ca II H & K, He I/He II, the G band and the metal-line ratios of the classification criteria, Å.
 */
export const MK_CLASSIFICATION_REGION = { startAngstrom: 3800, endAngstrom: 4600 } as const;

/** Subtypes per class on the O0 = 0 … M9 = 69 scale: a subtype index is SUBTYPES_PER_CLASS × position + subtype. */
export const SUBTYPES_PER_CLASS = 10;

/** The MK class a subtype index falls in (48 → `G`; below O0 is O, past M9 is M). */
export function classOfSubtype(index: number): MkClass {
  const position = Math.floor(index / SUBTYPES_PER_CLASS);
  return MK_CLASSES[Math.min(MK_CLASSES.length - 1, Math.max(0, position))];
}

/** An MK type read from a label such as `G2V`, `B9.5III` or `K`. */
export interface SpectralType {
  letter: MkClass;
  /** On the O0 = 0 … M9 = 69 scale (10 × class position + subtype); null when the label gives no subtype. */
  subtype: number | null;
  /** Luminosity class as written (`V`, `III`, `IV-V`), or null. */
  luminosity: string | null;
}

/** Optional prefix (subdwarf, dwarf, giant, weak- or strong-lined ...), letter, subtype, and the rest. */
const MK_TYPE = /^(?:esd|usd|sd|d|g|c|w|r|k)?:?\s*([OBAFGKM])(\d+(?:\.\d+)?)?(.*)$/;
const LUMINOSITY = /^\s*((?:0|Ia\+?|Iab|Ib|III|II|IV|VI|V|I)(?:[-/](?:Ia|Iab|Ib|III|II|IV|VI|V|I|a|ab|b))*)/;
/** Lower-case MK qualifiers (peculiar, metallic, emission, nebulous, weak ...). */
const QUALIFIERS = /^(?:var|[mpenvwks])+/;

/**
 * Reads an MK type from a label: `G2V` → G, 42, V; `K` → K, null, null; `G8/K0` → G, 48; qualified types such as
 * `sdF3`, `wG8III`, `Am`, `A0p`, `KIIvw`, `G8Vvar` by their letter. Null for a label that is not an MK type
 * (`GALAXY`, `QSO`, `WD`, `AGN`): a letter without subtype or luminosity class may be followed only by lower-case MK
 * qualifiers or punctuation — not by another capital letter or a lower-case word.
 */
export function parseSpectralType(label: string | null | undefined): SpectralType | null {
  const text = label?.trim() ?? '';
  // An all-lower-case type (`g2v`) is read in capitals.
  const match = MK_TYPE.exec(text) ?? (/^[a-z]\d/.test(text) ? MK_TYPE.exec(text.toUpperCase()) : null);
  if (!match) return null;
  const letter = match[1] as MkClass;
  const rest = match[3];
  const luminosity = LUMINOSITY.exec(rest)?.[1] ?? null;
  // With a subtype or a luminosity class it is an MK type whatever follows (`G3Ib-IICNe`, `M2S?`); a bare letter
  // must be followed by qualifiers or punctuation only.
  if (match[2] === undefined && !luminosity) {
    if (/^[A-Z]/.test(rest)) return null;
    const word = /^[a-z]{3,}/.exec(rest)?.[0];
    if (word && QUALIFIERS.exec(word)?.[0] !== word) return null;
  }
  const sub = match[2] === undefined ? null : Number(match[2]);
  return {
    letter,
    subtype:
      sub === null || sub >= SUBTYPES_PER_CLASS
        ? null
        : SUBTYPES_PER_CLASS * MK_CLASSES.indexOf(letter) + sub,
    luminosity,
  };
}

/**
 * The class a label trains as: an MK type (`G2V`, `K`) is its letter; any other non-empty name (`GALAXY`, `QSO`) is a
 * class of its own, kept whole. Null for an empty label.
 */
export function classOfLabel(label: string | null | undefined): string | null {
  const trimmed = label?.trim() ?? '';
  if (trimmed === '') return null;
  return parseSpectralType(trimmed)?.letter ?? trimmed;
}

/** Class names in display order: the MK letters in temperature order, then every other class alphabetically. */
export function orderClasses(names: Iterable<string>): string[] {
  const rank = (name: string) => {
    const k = (MK_CLASSES as readonly string[]).indexOf(name);
    return k < 0 ? MK_CLASSES.length : k;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Position of a class on the temperature scale (O = 0 … M = 6), or -1 for a class that is not an MK letter. */
export function mkPosition(className: string): number {
  return (MK_CLASSES as readonly string[]).indexOf(className);
}

/** A subtype such as `G2` as a number: O5 → 5, B0 → 10, ..., M9 → 69. Throws for anything else. */
export function subtypeIndex(subtype: string): number {
  const type = parseSpectralType(subtype);
  if (!type || type.subtype === null) throw new RangeError(`not a subtype: '${subtype}'`);
  return type.subtype;
}

/** The subtype name of an index on the O0 … M9 scale: 42 → `G2`, 19.5 → `B9.5`. */
export function subtypeName(index: number): string {
  const position = Math.floor(index / SUBTYPES_PER_CLASS);
  const sub = Math.round((index - position * SUBTYPES_PER_CLASS) * 10) / 10;
  return `${MK_CLASSES[position]}${sub}`;
}
