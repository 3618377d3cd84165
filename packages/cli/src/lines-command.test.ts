import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, hasSharedFixtures } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run-captured.js';

const run = runCaptured;

describe('spectra lines', () => {
  it('--list --csv writes line_list.csv atomically with the Table C columns', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'spectra-lines-')), 'line_list.csv');
    const { code, stdout } = await run('lines', '--list', '--csv', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote .*line_list\.csv \(\d+ lines\)/);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'elem,transition,lambda_rest_A,lambda_air_A,lower_upper_levels,ref,use_flag,kind,mk_range',
    );
    expect(csv).toContain('Ca II,Ca II K,3934.777');
  });

  it('bad usage exits 2: no files, a non-numeric --z, an unknown --type', async () => {
    expect((await run('lines')).code).toBe(2);
    const z = await run('lines', '--z', 'abc', 'x.fits');
    expect(z.code).toBe(2);
    expect(z.stderr).toContain("'abc' is not a number");
    expect((await run('lines', '--type', 'sideways', 'x.fits')).code).toBe(2);
  });

  it('a missing file exits 1 and is named', async () => {
    const { code, stderr } = await run('lines', '/nonexistent/spec.fits');
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/spec.fits');
  });

  it.skipIf(!hasSharedFixtures)(
    'finds Hα and Hβ in emission in the QSO with the file’s Z, as JSON and CSV',
    async () => {
      const file = fixturePath('spectra/sdss-spec/spec-0332-52367-0639.fits');
      const json = await run('lines', '--json', '--type', 'emission', file);
      expect(json.code).toBe(0);
      const [result] = JSON.parse(json.stdout);
      expect(result.zSource).toBe('file Z');
      const names = result.lines.map((l: { transition: string }) => l.transition);
      expect(names).toContain('Hα');
      expect(names).toContain('Hβ');
      const csv = await run('lines', '--csv', '--identified-only', file);
      expect(csv.stdout.split('\n')[0]).toBe(
        'file,z,centerAngstrom,centerPixel,type,depth,snr,fwhmAngstrom,ewAngstrom,ewErrAngstrom,elem,transition,restAngstrom,velocityOffsetKms,confidence',
      );
    },
  );

  it.skipIf(!hasSharedFixtures)('--measure-rv reports the measured velocity of the G star', async () => {
    const { code, stdout } = await run(
      'lines',
      '--measure-rv',
      '--identified-only',
      fixturePath('spectra/sdss-spec/spec-3586-55181-0500.fits'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/measured: -(2\d|3\d)\.\d ± \d+\.\d km\/s/);
    expect(stdout).toContain('Ca II K');
  });
});
