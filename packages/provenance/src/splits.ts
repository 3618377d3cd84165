import { seededRandom } from '@spectra/core';

/** What a spectrum brings to the split: its class, its leakage group, and columns to carry along. */
export interface SplitItem {
  specId: string;
  classLabel: string;
  /** Spectra sharing a group never land in different splits (same plate–MJD, same object...). */
  group: string;
  snMedian?: number | null;
  wavelengthMinA?: number | null;
  wavelengthMaxA?: number | null;
  dataRelease?: string | null;
}

/** One row of a split manifest. */
export interface SplitRow {
  spec_id: string;
  split: 'train' | 'validation' | 'test';
  seed: number;
  leakage_group: string;
  class_label: string;
  sn_median: number | null;
  wavelength_min_A: number | null;
  wavelength_max_A: number | null;
  data_release: string | null;
}

/** Options for makeSplits. */
export interface SplitOptions {
  seed?: number;
  /** Fractions of each class for train, validation and test. Default 0.7 / 0.15 / 0.15. */
  fractions?: { train: number; validation: number; test: number };
}

const SPLITS = ['train', 'validation', 'test'] as const;

/**
 * Splits spectra into train, validation and test, stratified by class and group-disjoint: whole leakage groups
 * are dealt, in a seeded order, to the split whose per-class deficit they reduce most. The same seed gives the
 * same split.
 */
export function makeSplits(items: readonly SplitItem[], options: SplitOptions = {}): SplitRow[] {
  const seed = options.seed ?? 42;
  const fractions = options.fractions ?? { train: 0.7, validation: 0.15, test: 0.15 };
  const random = seededRandom(seed);
  const groups = new Map<string, SplitItem[]>();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  const order = [...groups.keys()].sort();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.classLabel, (totals.get(item.classLabel) ?? 0) + 1);
  const counts = Object.fromEntries(SPLITS.map((s) => [s, new Map<string, number>()])) as Record<
    (typeof SPLITS)[number],
    Map<string, number>
  >;
  const assignment = new Map<string, (typeof SPLITS)[number]>();
  for (const key of order) {
    const members = groups.get(key)!;
    let best: (typeof SPLITS)[number] = 'train';
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const split of SPLITS) {
      let score = 0;
      for (const item of members) {
        const target = fractions[split] * totals.get(item.classLabel)!;
        score += (target - (counts[split].get(item.classLabel) ?? 0)) / Math.max(1, target);
      }
      if (score > bestScore) [best, bestScore] = [split, score];
    }
    assignment.set(key, best);
    for (const item of members)
      counts[best].set(item.classLabel, (counts[best].get(item.classLabel) ?? 0) + 1);
  }
  return items.map((item) => ({
    spec_id: item.specId,
    split: assignment.get(item.group)!,
    seed,
    leakage_group: item.group,
    class_label: item.classLabel,
    sn_median: item.snMedian ?? null,
    wavelength_min_A: item.wavelengthMinA ?? null,
    wavelength_max_A: item.wavelengthMaxA ?? null,
    data_release: item.dataRelease ?? null,
  }));
}

/** What leakage grouping reads of a spectrum. */
export interface LeakageItem {
  specId: string;
  plate: number | null;
  mjd: number | null;
  fiber: number | null;
  /** The survey's object id (BESTOBJID, OBJID, APOGEE_ID...); repeat observations share it. */
  objectId?: string | null;
  raDeg?: number | null;
  decDeg?: number | null;
}

/** Positions closer than this are one object (arcseconds). */
export const SAME_OBJECT_ARCSEC = 1;

/**
 * Leakage groups: spectra that must land in the same split. Spectra of one plate–MJD share a group (as before:
 * one exposure of one plate), and so do repeat observations of one object — the same object id, or positions
 * within 1″ — wherever they were taken; groups are joined transitively. A group is named by the smallest of its
 * members' plate–MJD(–fibre) keys (or spec ids), so the same files give the same names.
 */
export function leakageGroups(items: readonly LeakageItem[]): Map<string, string> {
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const join = (a: number, b: number) => {
    const [x, y] = [root(a), root(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const first = new Map<string, number>();
  const joinOn = (key: string | null, i: number) => {
    if (key === null) return;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else join(seen, i);
  };
  const cell = SAME_OBJECT_ARCSEC / 3600;
  const cells = new Map<string, number[]>();
  items.forEach((item, i) => {
    joinOn(item.plate !== null && item.mjd !== null ? `plate:${item.plate}-${item.mjd}` : null, i);
    const id = item.objectId?.trim();
    joinOn(id ? `object:${id}` : null, i);
    const { raDeg: ra, decDeg: dec } = item;
    if (typeof ra !== 'number' || typeof dec !== 'number' || !Number.isFinite(ra) || !Number.isFinite(dec))
      return;
    const row = Math.floor(dec / cell);
    // RA cells are widened by 1/cos(dec) so one cell spans ~1″ on the sky at any declination.
    const width = cell / Math.max(Math.cos((dec * Math.PI) / 180), 1e-6);
    const column = Math.floor(ra / width);
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++)
        for (const j of cells.get(`${row + dr}:${column + dc}`) ?? []) {
          if (separationArcsec(ra, dec, items[j].raDeg!, items[j].decDeg!) <= SAME_OBJECT_ARCSEC) join(i, j);
        }
    const key = `${row}:${column}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  });
  const shared = new Map<string, number>();
  const plateKey = (item: LeakageItem) => `${item.plate}-${item.mjd}`;
  for (const item of items)
    if (item.plate !== null && item.mjd !== null)
      shared.set(plateKey(item), (shared.get(plateKey(item)) ?? 0) + 1);
  const own = (item: LeakageItem) =>
    item.plate === null || item.mjd === null
      ? item.specId
      : shared.get(plateKey(item))! > 1
        ? plateKey(item)
        : `${plateKey(item)}-${item.fiber}`;
  const names = new Map<number, string>();
  items.forEach((item, i) => {
    const r = root(i);
    const name = own(item);
    const current = names.get(r);
    if (current === undefined || name < current) names.set(r, name);
  });
  return new Map(items.map((item, i) => [item.specId, names.get(root(i))!]));
}

/** Angular separation of two positions, arcseconds (haversine). */
function separationArcsec(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((dec2 - dec1) * rad) / 2) ** 2 +
    Math.cos(dec1 * rad) * Math.cos(dec2 * rad) * Math.sin(((ra2 - ra1) * rad) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(a))) * 3600) / rad;
}
