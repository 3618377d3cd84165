#!/usr/bin/env node
/**
 * Writes a few seeded example spectra in the SDSS-IV spec format, one folder per class, for the README's
 * first command until the full synthetic survey generator lands. Usage: make-examples OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticSpectrumFile } from './synthetic-spec.js';

const VACUUM = {
  caK: 3934.78,
  caH: 3969.59,
  mgB: 5174.12,
  naD: 5891.58,
  hBeta: 4862.68,
  hAlpha: 6564.61,
  hGamma: 4341.68,
};

const EXAMPLES = [
  {
    cls: 'A',
    subclass: 'A0',
    teffK: 9600,
    lines: [VACUUM.hAlpha, VACUUM.hBeta, VACUUM.hGamma].map((c) => ({
      centerAngstrom: c,
      depth: 0.5,
      sigmaAngstrom: 7,
    })),
  },
  {
    cls: 'F',
    subclass: 'F5',
    teffK: 6500,
    lines: [
      ...[VACUUM.hAlpha, VACUUM.hBeta, VACUUM.hGamma].map((c) => ({
        centerAngstrom: c,
        depth: 0.35,
        sigmaAngstrom: 4,
      })),
      { centerAngstrom: VACUUM.caK, depth: 0.5, sigmaAngstrom: 4 },
    ],
  },
  {
    cls: 'G',
    subclass: 'G2',
    teffK: 5800,
    lines: [
      { centerAngstrom: VACUUM.hAlpha, depth: 0.25, sigmaAngstrom: 3 },
      { centerAngstrom: VACUUM.hBeta, depth: 0.25, sigmaAngstrom: 3 },
      { centerAngstrom: VACUUM.caK, depth: 0.7, sigmaAngstrom: 5 },
      { centerAngstrom: VACUUM.caH, depth: 0.65, sigmaAngstrom: 5 },
      { centerAngstrom: VACUUM.mgB, depth: 0.3, sigmaAngstrom: 3 },
      { centerAngstrom: VACUUM.naD, depth: 0.3, sigmaAngstrom: 2.5 },
    ],
  },
  {
    cls: 'K',
    subclass: 'K3',
    teffK: 4500,
    lines: [
      { centerAngstrom: VACUUM.caK, depth: 0.8, sigmaAngstrom: 6 },
      { centerAngstrom: VACUUM.caH, depth: 0.75, sigmaAngstrom: 6 },
      { centerAngstrom: VACUUM.mgB, depth: 0.5, sigmaAngstrom: 4 },
      { centerAngstrom: VACUUM.naD, depth: 0.5, sigmaAngstrom: 3 },
    ],
  },
];

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: make-examples OUT_DIR\n');
  process.exit(2);
}
EXAMPLES.forEach((example, i) => {
  const dir = join(out, example.cls);
  mkdirSync(dir, { recursive: true });
  const plate = 4000 + i;
  const name = `spec-${plate}-56000-${String(100 + i).padStart(4, '0')}.fits`;
  writeFileSync(
    join(dir, name),
    syntheticSpectrumFile({
      seed: i + 1,
      teffK: example.teffK,
      lines: example.lines,
      plate,
      mjd: 56000,
      fiber: 100 + i,
      subclass: example.subclass,
      snr: 25,
    }),
  );
});
process.stdout.write(
  `wrote ${EXAMPLES.length} example spectra under ${out}/{${EXAMPLES.map((e) => e.cls).join(',')}}\n`,
);
