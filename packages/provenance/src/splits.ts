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

/**
 * Leakage groups from plate, MJD and fibre: plate–MJD when several spectra share it, plate–MJD–fibre otherwise,
 * the spec_id itself when the file has no plate.
 */
export function leakageGroups(
  items: ReadonlyArray<{ specId: string; plate: number | null; mjd: number | null; fiber: number | null }>,
): Map<string, string> {
  const shared = new Map<string, number>();
  const key = (i: (typeof items)[number]) => `${i.plate}-${i.mjd}`;
  for (const item of items)
    if (item.plate !== null && item.mjd !== null) shared.set(key(item), (shared.get(key(item)) ?? 0) + 1);
  return new Map(
    items.map((item) => {
      if (item.plate === null || item.mjd === null) return [item.specId, item.specId];
      return [item.specId, shared.get(key(item))! > 1 ? key(item) : `${key(item)}-${item.fiber}`];
    }),
  );
}
