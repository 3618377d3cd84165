/**
 * Cardelli, Clayton & Mathis (1989, ApJ 345, 245) extinction A(λ)/A(V) for R_V, valid 0.3 ≤ 1/λ[µm] ≤ 3.3
 * (3030 Å – 3.3 µm): the infrared power law and the optical/near-IR polynomial.
 */
export function ccm89(wavelengthAngstrom: number, rv = 3.1): number {
  const x = 1e4 / wavelengthAngstrom;
  if (x < 1.1) {
    const p = x ** 1.61;
    return 0.574 * p - (0.527 * p) / rv;
  }
  const y = x - 1.82;
  const a =
    1 +
    y *
      (0.17699 +
        y * (-0.50447 + y * (-0.02427 + y * (0.72085 + y * (0.01979 + y * (-0.7753 + y * 0.32999))))));
  const b =
    y *
    (1.41338 + y * (2.28305 + y * (1.07233 + y * (-5.38434 + y * (-0.62251 + y * (5.3026 + y * -2.09002))))));
  return a + b / rv;
}

/** Multiplies flux by 10^(−0.4 A(λ)) with A(λ) = E(B−V) · R_V · ccm89(λ); a negative E(B−V) de-reddens. */
export function redden(wavelength: ArrayLike<number>, flux: Float64Array, ebv: number, rv = 3.1): void {
  for (let i = 0; i < flux.length; i++) flux[i] *= 10 ** (-0.4 * ebv * rv * ccm89(wavelength[i], rv));
}
