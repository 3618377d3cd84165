/**
 * Vacuum → air, Morton (2000, ApJS 130, 403) after Edlén (1966) / Birch & Downs (1994), as used by VALD and
 * specutils. Valid above 2000 Å; shorter wavelengths are returned unchanged (air and vacuum lists agree to
 * use vacuum there).
 */
export function vacuumToAir(vacuumAngstrom: number): number {
  if (vacuumAngstrom < 2000) return vacuumAngstrom;
  const s2 = (1e4 / vacuumAngstrom) ** 2;
  const n = 1 + 0.0000834254 + 0.02406147 / (130 - s2) + 0.00015998 / (38.9 - s2);
  return vacuumAngstrom / n;
}

/**
 * Air → vacuum, the inverse of Morton (2000) derived by N. Piskunov for VALD (accurate to better than
 * 1e-8 relative against iterating vacuumToAir). Valid above 2000 Å.
 */
export function airToVacuum(airAngstrom: number): number {
  if (airAngstrom < 2000) return airAngstrom;
  const s2 = (1e4 / airAngstrom) ** 2;
  const n =
    1 +
    0.00008336624212083 +
    0.02408926869968 / (130.1065924522 - s2) +
    0.0001599740894897 / (38.92568793293 - s2);
  return airAngstrom * n;
}
