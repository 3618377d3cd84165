import type { SpectraErrorCode } from '@spectra/core';
import type { EpochHistory, Evaluation, ReleaseShiftRow } from '@spectra/model';
import type { CatalogProblemCode } from '@spectra/provenance';
import type { AblationRow } from './ablation.js';
import type { DatasetReport } from './prepare-dataset.js';

/** A file that could not be read, and why. */
export interface FailedFile {
  path: string;
  code: SpectraErrorCode;
  message: string;
}

/** Something a reader of the results should know; the run goes on. The CLI prints these as warnings. */
export type PipelineIssue =
  | { kind: 'failed-file'; message: string; file: FailedFile }
  | { kind: 'few-spectra'; message: string; count: number; recommended: number }
  | { kind: 'catalog-problem'; message: string; line: number; code: CatalogProblemCode }
  | { kind: 'catalog-fallback'; message: string; specIds: string[] }
  | { kind: 'excluded'; message: string; spectra: Array<{ specId: string; reason: string }> }
  | { kind: 'one-release'; message: string; release: string };

/** The stages of a run, in the order runPipeline runs them. */
export type Stage =
  | 'read'
  | 'train'
  | 'evaluate'
  | 'baseline'
  | 'save'
  | 'figures'
  | 'ablation'
  | 'release_shift';

/** What a run reports while it works; runPipeline never prints, the caller decides what to show. */
export type PipelineEvent =
  | { type: 'backend'; backend: string; skipped: Array<{ backend: string; reason: string }> }
  | { type: 'progress'; stage: Stage; done: number; total: number }
  | { type: 'stage-done'; stage: Stage; seconds: number }
  | { type: 'issue'; issue: PipelineIssue }
  | { type: 'dataset'; report: DatasetReport }
  | { type: 'train-release'; release: string; spectra: number }
  | { type: 'epoch'; epoch: EpochHistory; epochs: number }
  | { type: 'trained'; history: EpochHistory[]; bestEpoch: EpochHistory | null }
  | { type: 'evaluated'; which: 'cnn' | 'baseline'; evaluation: Evaluation }
  | { type: 'saved'; path: string }
  | { type: 'written'; path: string; what: string }
  | { type: 'ablation-start'; variants: string[]; epochs: number; fraction: number }
  | { type: 'ablation-run'; variant: string }
  | { type: 'ablation'; rows: AblationRow[] }
  | { type: 'release-shift'; rows: ReleaseShiftRow[] };

/** Where events go; a no-op by default. */
export type EventSink = (event: PipelineEvent) => void;
