import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `../shared/fixtures` beside the checkout, or SPECTRA_SHARED_FIXTURES when set. */
export const sharedFixturesDir =
  process.env.SPECTRA_SHARED_FIXTURES ?? resolve(repoRoot, '../shared/fixtures');

/** True when the shared real-survey fixtures are present. */
export const hasSharedFixtures = existsSync(join(sharedFixturesDir, 'expected'));

/** The message tests print when they skip for lack of the fixtures. */
export const missingFixturesMessage = `real-survey fixtures not found at ${sharedFixturesDir}: tests that need them are skipped`;

/** Absolute path of a file under the shared fixtures folder. */
export function fixturePath(relative: string): string {
  return join(sharedFixturesDir, relative);
}

/** Summary statistics astropy recorded for one array. */
export interface ExpectedArray {
  n: number;
  at: Record<string, number>;
  sum: number;
  nonfinite: number;
  min: number;
  max: number;
}

/** One `expected/<file>.json`: what astropy reads from a fixture. */
export interface ExpectedFixture {
  file: string;
  format: string;
  bytes: number;
  hdus: Array<{
    index: number;
    type: string;
    name: string;
    bitpix: number;
    shape?: number[];
    rows?: number;
    columns?: Array<{ name: string; format: string }>;
  }>;
  header: Record<string, unknown>;
  spectrum: {
    hdu: number;
    rule: string;
    wavelength?: ExpectedArray;
    flux: ExpectedArray;
    ivar?: ExpectedArray;
    error?: ExpectedArray;
    resolution?: ExpectedArray;
    wavelength_row?: ExpectedArray;
    and_mask_nonzero?: number;
    or_mask_nonzero?: number;
    labels?: { class?: string; subclass?: string; z?: number };
    wavelength_solution?: null;
  };
}

/** Every expected fixture description, sorted by file name. */
export function expectedFixtures(): ExpectedFixture[] {
  if (!hasSharedFixtures) return [];
  const dir = join(sharedFixturesDir, 'expected');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ExpectedFixture);
}

/** Every real spectrum file under `spectra/`, relative to the fixtures folder. */
export function realSpectrumFiles(): string[] {
  if (!hasSharedFixtures) return [];
  const root = join(sharedFixturesDir, 'spectra');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(sharedFixturesDir.length + 1))
    .sort();
}
