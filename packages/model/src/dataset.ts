import type { PreprocessChoices } from './model-folder.js';
import type { SampleStore } from './sample-store.js';
import type { LabelledSet } from './train-model.js';

export type Split = 'train' | 'validation' | 'test';

/** One labelled spectrum of a dataset, with where its network input is stored. */
export interface DatasetSample {
  specId: string;
  path: string;
  /**
   * The class it trains as: an MK letter for an MK label (`G2V` → `G`), the whole name for any other (`GALAXY`);
   * null when the spectrum has no label (it is then left out of training and scoring).
   */
  className: string | null;
  /** Subtype on the O0 = 0 ... M9 = 69 scale when the label gives one. */
  subtype: number | null;
  snr: number | null;
  /** Fraction of the model grid with data. */
  coverage: number;
  release: string | null;
  split: Split;
  /** Row of this spectrum in the `default` sample store. */
  row: number;
}

/** Labelled, split spectra and their preprocessed inputs: what training and scoring read. */
export interface Dataset {
  /** Classes in display order (MK letters in temperature order, then other classes alphabetically). */
  classNames: string[];
  samples: DatasetSample[];
  /** `default` plus one store per preprocessing variant added. */
  stores: Record<string, SampleStore>;
  choices: Record<string, PreprocessChoices>;
  /** Spectra per class in each split. */
  splitCounts: Record<Split, Record<string, number>>;
  /**
   * Adds a variant's store holding a subset of the samples: `rows` maps a sample's `row` to its row in `store`.
   * Variants added this way exist only for those samples.
   */
  addVariant(name: string, choices: PreprocessChoices, store: SampleStore, rows: Map<number, number>): void;
  /** The store row of a sample in a variant, or undefined when the variant does not hold it. */
  rowOf(sample: DatasetSample, variant?: string): number | undefined;
  /** A split as a labelled set, optionally narrowed by a filter (e.g. one data release). */
  set(
    split: Split,
    variant?: string,
    filter?: (sample: DatasetSample) => boolean,
  ): LabelledSet & {
    samples: DatasetSample[];
  };
  /** Closes every store (removing scratch files). */
  close(): void;
}

/**
 * Puts a dataset together from samples and the store their inputs were appended to (row = sample.row). Samples
 * whose className is not in `classNames` are kept but never trained or scored.
 */
export function createDataset(input: {
  classNames: string[];
  samples: DatasetSample[];
  store: SampleStore;
  choices: PreprocessChoices;
  /** Called after the stores are closed (e.g. to remove a scratch folder). */
  onClose?: () => void;
}): Dataset {
  const { classNames, samples } = input;
  const stores: Record<string, SampleStore> = { default: input.store };
  const choices: Record<string, PreprocessChoices> = { default: input.choices };
  const rowMaps = new Map<string, Map<number, number>>();
  const known = new Set(classNames);
  const splitCounts: Dataset['splitCounts'] = { train: {}, validation: {}, test: {} };
  for (const s of samples)
    if (s.className && known.has(s.className))
      splitCounts[s.split][s.className] = (splitCounts[s.split][s.className] ?? 0) + 1;
  const rowOf = (sample: DatasetSample, variant = 'default') => {
    const map = rowMaps.get(variant);
    return map ? map.get(sample.row) : stores[variant] ? sample.row : undefined;
  };
  return {
    classNames,
    samples,
    stores,
    choices,
    splitCounts,
    addVariant(name, variantChoices, store, rows) {
      if (stores[name]) throw new RangeError(`variant ${name} exists already`);
      stores[name] = store;
      choices[name] = variantChoices;
      rowMaps.set(name, rows);
    },
    rowOf,
    set(split, variant = 'default', filter) {
      const chosen = samples.filter(
        (s) =>
          s.split === split &&
          s.className !== null &&
          known.has(s.className) &&
          (!filter || filter(s)) &&
          rowOf(s, variant) !== undefined,
      );
      return {
        store: stores[variant],
        rows: chosen.map((s) => rowOf(s, variant)!),
        labels: chosen.map((s) => classNames.indexOf(s.className!)),
        classes: classNames.length,
        subtypes: chosen.map((s) => s.subtype ?? Number.NaN),
        samples: chosen,
      };
    },
    close() {
      for (const store of Object.values(stores)) store.close();
      input.onClose?.();
    },
  };
}
