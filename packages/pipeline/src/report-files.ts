import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@spectra/core';
import type { EpochHistory, Evaluation, ReleaseShiftRow } from '@spectra/model';
import { type TableSchema, writeTable } from '@spectra/provenance';
import type { AblationRow } from './ablation.js';

interface PerClassRow {
  class_label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  roc_auc: number | null;
  pr_auc: number | null;
}

const PER_CLASS_SCHEMA: TableSchema<PerClassRow> = [
  ['class_label', 'string'],
  ['precision', 'float'],
  ['recall', 'float'],
  ['f1', 'float'],
  ['support', 'int'],
  ['roc_auc', 'float'],
  ['pr_auc', 'float'],
];

export const ABLATION_SCHEMA: TableSchema<AblationRow> = [
  ['variant', 'string'],
  ['description', 'string'],
  ['architecture', 'string'],
  ['input_length', 'int'],
  ['continuum', 'bool'],
  ['deredden', 'bool'],
  ['epochs', 'int'],
  ['train_samples', 'int'],
  ['test_samples', 'int'],
  ['accuracy', 'float'],
  ['accuracy_std', 'float'],
  ['macro_f1', 'float'],
  ['delta_accuracy', 'float'],
  ['delta_std', 'float'],
  ['seeds', 'int'],
  ['note', 'string'],
];

export const RELEASE_SHIFT_SCHEMA: TableSchema<ReleaseShiftRow> = [
  ['train_release', 'string'],
  ['eval_release', 'string'],
  ['train_samples', 'int'],
  ['test_samples', 'int'],
  ['accuracy', 'float'],
  ['accuracy_std', 'float'],
  ['folds', 'int'],
  ['macro_f1', 'float'],
];

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Writes an evaluation as `PREFIX.json` (everything, for the plots) plus `PREFIX_per_class.csv` and
 * `PREFIX_confusion.csv` (true class per row, predicted class per column). Returns the paths written.
 */
export async function writeEvaluation(
  dir: string,
  evaluation: Evaluation,
  prefix = 'evaluation',
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, `${prefix}.json`);
  await writeFileAtomic(
    json,
    `${JSON.stringify(evaluation, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`,
  );
  const perClass = join(dir, `${prefix}_per_class.csv`);
  await writeTable(
    perClass,
    evaluation.perClass.map((m, c) => ({
      class_label: m.className,
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      support: m.support,
      roc_auc: finite(evaluation.roc[c].auc),
      pr_auc: finite(evaluation.pr[c].auc),
    })),
    PER_CLASS_SCHEMA,
    'csv',
  );
  const confusion = join(dir, `${prefix}_confusion.csv`);
  const names = evaluation.classNames;
  await writeTable(
    confusion,
    evaluation.confusion.map((row, c) =>
      Object.fromEntries([['true_class', names[c]], ...row.map((n, p) => [names[p], n])]),
    ),
    [['true_class', 'string'], ...names.map((name) => [name, 'int'] as const)],
    'csv',
  );
  return [json, perClass, confusion];
}

/** Writes the training history (one object per epoch) as JSON for the plots. */
export async function writeHistory(path: string, history: readonly EpochHistory[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(history, null, 1)}\n`);
}
