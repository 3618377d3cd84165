import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** A cubic B-spline with uniform knots on [xMin, xMax], fitted by weighted least squares. */
export interface SplineFit {
  evaluate(x: number): number;
}

/**
 * Fits a uniform cubic B-spline (knot spacing `spacing` in x) to (x, y) with weights w (0 = excluded), with a
 * small second-difference penalty so that knot intervals without data stay well defined (a P-spline).
 */
export function fitSpline(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  xMin: number,
  xMax: number,
  spacing: number,
): SplineFit {
  const intervals = Math.max(1, Math.ceil((xMax - xMin) / spacing));
  const h = (xMax - xMin) / intervals;
  const m = intervals + 3;
  const normal = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  const basis = new Float64Array(4);
  for (let i = 0; i < x.length; i++) {
    const weight = w[i];
    if (!(weight > 0)) continue;
    const k = evaluateBasis(x[i], xMin, h, intervals, basis);
    for (let a = 0; a < 4; a++) {
      const wa = weight * basis[a];
      rhs[k + a] += wa * y[i];
      for (let b = 0; b < 4; b++) normal[(k + a) * m + k + b] += wa * basis[b];
    }
  }
  const coefficients = solvePenalized(normal, rhs, m);
  return {
    evaluate(value: number): number {
      const k = evaluateBasis(value, xMin, h, intervals, basis);
      return (
        basis[0] * coefficients[k] +
        basis[1] * coefficients[k + 1] +
        basis[2] * coefficients[k + 2] +
        basis[3] * coefficients[k + 3]
      );
    },
  };
}

/**
 * Solves the normal equations with a small second-difference penalty (a P-spline), so that knot intervals
 * without data stay well defined.
 */
function solvePenalized(normal: Float64Array, rhs: Float64Array, m: number): number[] {
  let trace = 0;
  for (let j = 0; j < m; j++) trace += normal[j * m + j];
  const penalty = (trace > 0 ? trace / m : 1) * 1e-6;
  const d = [1, -2, 1];
  for (let j = 0; j + 2 < m; j++) {
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) normal[(j + a) * m + j + b] += penalty * d[a] * d[b];
  }
  for (let j = 0; j < m; j++) normal[j * m + j] += penalty * 1e-6;
  const A = new Matrix(m, m);
  for (let r = 0; r < m; r++)
    for (let c = 0; c < m; c++) A.set(r, c, (normal[r * m + c] + normal[c * m + r]) / 2);
  return new CholeskyDecomposition(A).solve(Matrix.columnVector(Array.from(rhs))).getColumn(0);
}

/** Writes the four non-zero cubic B-spline values at x into `out` and returns the first basis index. */
function evaluateBasis(x: number, xMin: number, h: number, intervals: number, out: Float64Array): number {
  const t = (x - xMin) / h;
  const k = Math.min(intervals - 1, Math.max(0, Math.floor(t)));
  const u = t - k;
  const u2 = u * u;
  const u3 = u2 * u;
  out[0] = (1 - u) ** 3 / 6;
  out[1] = (3 * u3 - 6 * u2 + 4) / 6;
  out[2] = (-3 * u3 + 3 * u2 + 3 * u + 1) / 6;
  out[3] = u3 / 6;
  return k;
}

/** A spline basis evaluated once at fixed abscissae, refitted cheaply with new weights (for sigma clipping). */
export interface SplineBasis {
  /** Fits y with weights w and writes the fitted values at every abscissa into `out`. */
  fit(y: ArrayLike<number>, w: ArrayLike<number>, out: Float64Array): void;
}

/** Precomputes the four non-zero B-spline values at each x (clamped into [xMin, xMax]). */
export function splineBasis(x: ArrayLike<number>, xMin: number, xMax: number, spacing: number): SplineBasis {
  const n = x.length;
  const intervals = Math.max(1, Math.ceil((xMax - xMin) / spacing));
  const h = (xMax - xMin) / intervals;
  const m = intervals + 3;
  const index = new Int32Array(n);
  const values = new Float64Array(4 * n);
  const scratch = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    index[i] = evaluateBasis(Math.min(xMax, Math.max(xMin, x[i])), xMin, h, intervals, scratch);
    values.set(scratch, 4 * i);
  }
  return {
    fit(y, w, out) {
      const normal = new Float64Array(m * m);
      const rhs = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        const weight = w[i];
        if (!(weight > 0)) continue;
        const k = index[i];
        for (let a = 0; a < 4; a++) {
          const wa = weight * values[4 * i + a];
          rhs[k + a] += wa * y[i];
          for (let b = 0; b < 4; b++) normal[(k + a) * m + k + b] += wa * values[4 * i + b];
        }
      }
      const coefficients = solvePenalized(normal, rhs, m);
      for (let i = 0; i < n; i++) {
        const k = index[i];
        out[i] =
          values[4 * i] * coefficients[k] +
          values[4 * i + 1] * coefficients[k + 1] +
          values[4 * i + 2] * coefficients[k + 2] +
          values[4 * i + 3] * coefficients[k + 3];
      }
    },
  };
}
