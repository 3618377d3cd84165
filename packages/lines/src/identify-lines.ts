import { SPEED_OF_LIGHT_KMS as C_KMS, parseSpectralType } from '@spectra/core';
import type { DetectedLine } from './find-lines.js';
import { type LineListEntry, lineList, mkRangeOf } from './line-list.js';

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
  /**
   * The star's MK type (`G1V`, `K0III`, `M1`), from the file or a classifier. A line outside its MK range
   * (`mk_range`: He II in a G star, TiO in an A star) is then named only on strong evidence (`strongSnr`), with
   * confidence `low`. Default: unknown (every range allowed; range-limited lines get confidence `medium`).
   */
  spectralType?: string;
  /** The detection S/N that names a line outside its MK range. Default 25. */
  strongSnr?: number;
}

/** How sure an identification is. */
export type LineConfidence = 'high' | 'medium' | 'low';

/**
 * Names detected features: each list line is shifted by (1 + z)(1 + v/c) and given to the strongest detection
 * within the velocity tolerance (one detection per line, strongest first). Molecular band heads are not matched
 * to narrow features (measureBands measures them), forbidden lines are matched to emission only, and stellar
 * absorption lines outside their MK range for the given type need strong evidence. Each name carries a confidence:
 * `high` (in range for a known type, within half the tolerance), `medium` (otherwise in range, or the type is
 * unknown for a range-limited line), `low` (outside the range, on strong evidence).
 */
export function identifyLines(
  detections: readonly DetectedLine[],
  options: IdentifyOptions = {},
): DetectedLine[] {
  const { z = 0, rvKms = 0, toleranceKms = 200, frame = 'vacuum', strongSnr = 25 } = options;
  const type = parseSpectralType(options.spectralType)?.subtype ?? null;
  const list = (options.lines ?? lineList).filter((l) => l.use_flag && l.kind !== 'band');
  const shift = (1 + z) * (1 + rvKms / C_KMS);
  const taken = new Set<LineListEntry>();
  const out = detections.map((d) => ({ ...d }));
  const order = [...out.keys()].sort((a, b) => out[b].snr - out[a].snr);
  for (const index of order) {
    const detection = out[index];
    let best: LineListEntry | undefined;
    let bestOffset = Number.POSITIVE_INFINITY;
    let bestInRange = true;
    for (const line of list) {
      if (taken.has(line)) continue;
      // Forbidden lines ([O III], [N II]...) only ever appear in emission.
      if (line.elem.startsWith('[') && detection.type === 'absorption') continue;
      const [from, to] = mkRangeOf(line);
      const inRange = type === null || (type >= from && type <= to);
      if (!inRange && detection.snr < strongSnr) continue;
      const expected = (frame === 'air' ? line.lambda_air_A : line.lambda_rest_A) * shift;
      const offset = C_KMS * (detection.centerAngstrom / expected - 1);
      if (Math.abs(offset) <= toleranceKms && Math.abs(offset) < Math.abs(bestOffset)) {
        best = line;
        bestOffset = offset;
        bestInRange = inRange;
      }
    }
    if (!best) continue;
    taken.add(best);
    const limited = best.mk_range !== 'any' && best.mk_range !== 'O0–M9';
    detection.confidence = !bestInRange
      ? 'low'
      : type !== null && Math.abs(bestOffset) <= toleranceKms / 2
        ? 'high'
        : type === null && !limited && Math.abs(bestOffset) <= toleranceKms / 2
          ? 'high'
          : 'medium';
    detection.elem = best.elem;
    detection.transition = best.transition;
    detection.restAngstrom = frame === 'air' ? best.lambda_air_A : best.lambda_rest_A;
    detection.velocityOffsetKms = bestOffset;
  }
  return out;
}
