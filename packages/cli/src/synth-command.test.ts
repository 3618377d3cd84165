import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run-captured.js';

const run = runCaptured;

describe('spectra synth', () => {
  it('writes the requested classes, reports plates and the label catalogue, with quiet progress lines', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'spectra-synth-cli-')), 'data');
    const { code, stdout, stderr } = await run(
      'synth',
      out,
      '--counts',
      'G=4,M=3',
      '--formats',
      'sdss-spec,lamost-image',
      '--seed',
      '2',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote 7 spectra on \d+ plates/);
    expect(stdout).toContain('G 4');
    expect(stderr).toContain('synth: 7/7');
    expect(readdirSync(join(out, 'G')).length).toBe(4);
    expect(readdirSync(join(out, 'M')).length).toBe(3);
    expect(readdirSync(out)).toContain('labels.csv');
  });

  it('bad usage exits 2 with one line', async () => {
    const counts = await run('synth', 'x', '--counts', 'Q=3');
    expect(counts.code).toBe(2);
    expect(counts.stderr).toContain("'Q=3' is not CLASS=COUNT");
    expect((await run('synth', 'x', '--formats', 'fits-ng')).code).toBe(2);
    expect((await run('synth', 'x', '--snr-range', '50,10')).code).toBe(2);
    expect((await run('synth', 'x', '--release', 'DR99')).code).toBe(2);
    expect((await run('synth')).code).toBe(2);
  });
});
