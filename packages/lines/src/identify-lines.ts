import { SPEED_OF_LIGHT_KMS as C_KMS } from '@spectra/core';
import type { DetectedLine } from './find-lines.js';
import { type LineListEntry, lineList } from './line-list.js';

/** Options for identifyLines. */
export interface IdentifyOptions {
  /** Redshift of the source. Default 0. */
  z?: number;
  /** Radial velocity, km/s (applied on top of z). Default 0. */
  rvKms?: number;
  /** Largest |velocity offset| accepted for a match, km/s. Default 200 (a little over one SDSS resolution element). */
  toleranceKms?: number;
  /** Medium of the observed wavelengths. Default vacuum. */
  frame?: 'vacuum' | 'air';
  /** The list to match against. Default: the package's line list (use_flag rows, lines and blends). */
  lines?: readonly LineListEntry[];
}

/**
 * Names detected features: each list line is shifted by (1 + z)(1 + v/c) and given to the strongest detection
 * within the velocity tolerance (one detection per line, strongest first). Molecular band heads are not matched
 * to narrow features, and forbidden lines are matched to emission only.
 */
export function identifyLines(
  detections: readonly DetectedLine[],
  options: IdentifyOptions = {},
): DetectedLine[] {
  const { z = 0, rvKms = 0, toleranceKms = 200, frame = 'vacuum' } = options;
  const list = (options.lines ?? lineList).filter((l) => l.use_flag && l.kind !== 'band');
  const shift = (1 + z) * (1 + rvKms / C_KMS);
  const taken = new Set<LineListEntry>();
  const out = detections.map((d) => ({ ...d }));
  const order = [...out.keys()].sort((a, b) => out[b].snr - out[a].snr);
  for (const index of order) {
    const detection = out[index];
    let best: LineListEntry | undefined;
    let bestOffset = Number.POSITIVE_INFINITY;
    for (const line of list) {
      if (taken.has(line)) continue;
      // Forbidden lines ([O III], [N II]...) only ever appear in emission.
      if (line.elem.startsWith('[') && detection.type === 'absorption') continue;
      const expected = (frame === 'air' ? line.lambda_air_A : line.lambda_rest_A) * shift;
      const offset = C_KMS * (detection.centerAngstrom / expected - 1);
      if (Math.abs(offset) <= toleranceKms && Math.abs(offset) < Math.abs(bestOffset)) {
        best = line;
        bestOffset = offset;
      }
    }
    if (!best) continue;
    taken.add(best);
    detection.elem = best.elem;
    detection.transition = best.transition;
    detection.restAngstrom = frame === 'air' ? best.lambda_air_A : best.lambda_rest_A;
    detection.velocityOffsetKms = bestOffset;
  }
  return out;
}
