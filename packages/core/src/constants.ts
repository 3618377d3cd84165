/** The speed of light in vacuum, km/s (exact, SI). */
export const SPEED_OF_LIGHT_KMS = 299792.458;
