import { orderClasses } from '@spectra/core';

/** One row of the dataset overview (the reference README's Table A). */
export interface OverviewRow {
  class_label: string;
  count: number;
  median_sn: number | null;
  /** Median of the spectra's first and last wavelengths, Å. */
  coverage_min_A: number | null;
  coverage_max_A: number | null;
  median_resolution_r: number | null;
  releases: string;
}

/** What the overview needs from each spectrum. */
export interface OverviewItem {
  classLabel: string;
  snMedian: number | null;
  wavelengthMinA: number | null;
  wavelengthMaxA: number | null;
  resolution: number | null;
  release: string | null;
}

/** Per class: count, median S/N, wavelength coverage, resolving power and releases; MK classes in temperature order first. */
export function datasetOverview(items: readonly OverviewItem[]): OverviewRow[] {
  const byClass = new Map<string, OverviewItem[]>();
  for (const item of items) byClass.set(item.classLabel, [...(byClass.get(item.classLabel) ?? []), item]);
  return orderClasses(byClass.keys()).map((label) => {
    const members = byClass.get(label)!;
    return {
      class_label: label,
      count: members.length,
      median_sn: median(members.map((m) => m.snMedian)),
      coverage_min_A: median(members.map((m) => m.wavelengthMinA)),
      coverage_max_A: median(members.map((m) => m.wavelengthMaxA)),
      median_resolution_r: median(members.map((m) => m.resolution)),
      releases: [...new Set(members.map((m) => m.release).filter((r): r is string => !!r))].sort().join(', '),
    };
  });
}

function median(values: Array<number | null>): number | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}
