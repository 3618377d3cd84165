import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, hasSharedFixtures, repoRoot, syntheticSpectrumFile } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run-captured.js';
import { VERSION } from './version.js';

const run = runCaptured;

const dir = mkdtempSync(join(tmpdir(), 'spectra-cli-'));
const good = join(dir, 'spec-1234-56789-0042.fits');
writeFileSync(good, syntheticSpectrumFile({ snr: 40 }));
const bad = join(dir, 'broken.fits');
writeFileSync(bad, syntheticSpectrumFile().subarray(0, 5000));

describe('spectra inspect', () => {
  it('describes a spectrum: format, HDUs, λ range, pixels, median S/N, identifiers', async () => {
    const { code, stdout } = await run('inspect', good);
    expect(code).toBe(0);
    expect(stdout).toContain('sdss-spec');
    expect(stdout).toContain('3801.89–9118.01 Å, 3800 pixels, log10 grid');
    expect(stdout).toMatch(/median S\/N\s+(39|40)\.\d over 3800 good pixels/);
    expect(stdout).toContain('plate 1234, MJD 56789, fibre 42');
  });

  it('--json prints machine-readable summaries', async () => {
    const { code, stdout } = await run('inspect', '--json', good);
    expect(code).toBe(0);
    const [summary] = JSON.parse(stdout);
    expect(summary).toMatchObject({
      format: 'sdss-spec',
      pixels: 3800,
      frame: 'vacuum',
      meta: { plate: 1234, className: 'STAR' },
    });
    expect(summary.medianSnr).toBeGreaterThan(30);
  });

  it('escapes control characters from header values (an ESC sequence in BUNIT) instead of sending them', async () => {
    const bytes = syntheticSpectrumFile({ snr: 40 });
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf("BUNIT   = '") + 11;
    const hostile = bytes.slice();
    hostile.set([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x9b, 0x07], at);
    const path = join(dir, 'escape.fits');
    writeFileSync(path, hostile);
    for (const args of [
      ['inspect', path],
      ['inspect', '--json', path],
    ]) {
      const { code, stdout } = await run(...args);
      expect(code).toBe(0);
      expect(stdout).not.toMatch(/[\u001b\u0007\u009b]/);
      expect(stdout).toContain('\\u001b[31m\\u009b\\u0007');
    }
  });

  it('exits 1 and names each file that failed, still reporting the others', async () => {
    const { code, stdout, stderr } = await run('inspect', good, bad, join(dir, 'missing.fits'));
    expect(code).toBe(1);
    expect(stdout).toContain('sdss-spec');
    expect(stderr).toMatch(/broken\.fits: .*\[SPECTRA_FITS_TRUNCATED\]/);
    expect(stderr).toMatch(/missing\.fits: cannot read file: no such file/);
    expect(stderr).toContain('2 of 3 files could not be read');
  });

  it('exits 2 with one line on bad usage', async () => {
    expect((await run('inspect')).code).toBe(2);
    const unknown = await run('inspect', '--frobnicate', good);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
    expect((await run('no-such-command')).code).toBe(2);
  });

  it('--help shows examples and exit codes', async () => {
    const { code, stdout } = await run('inspect', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes');
  });

  it.skipIf(!hasSharedFixtures)('inspects a real BOSS spectrum: the G1V star of plate 3586', async () => {
    const { code, stdout } = await run(
      'inspect',
      '--json',
      fixturePath('spectra/sdss-spec/spec-3586-55181-0500.fits'),
    );
    expect(code).toBe(0);
    const [summary] = JSON.parse(stdout);
    expect(summary.meta).toMatchObject({
      plate: 3586,
      mjd: 55181,
      fiberId: 500,
      className: 'STAR',
      subClass: 'G1V (95128)',
    });
    expect(summary.medianSnr).toBeGreaterThan(10);
  });

  it('the version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});

const bin = join(repoRoot, 'packages/cli/dist/bin.js');
describe.skipIf(!existsSync(bin))('the built spectra binary', () => {
  it('runs as a process with meaningful exit codes and no stack traces', () => {
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(VERSION);
    const failed = spawnSync(process.execPath, [bin, 'inspect', bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    const usage = spawnSync(process.execPath, [bin, 'inspect', '--nope'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    // A reader that closes the pipe early (| head) ends the command quietly, without a stack trace.
    // `true` exits without reading, so every write of the command meets a closed pipe.
    const piped = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${bin}" lines --list | true; echo "status \${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(piped.stdout.trim()).toBe('status 0');
    expect(piped.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe('spectra plot', () => {
  it('draws Figure 1 for a file alone, as SVG or HTML; a bad --out is bad usage', async () => {
    const svg = join(dir, 'figure1.svg');
    const { code, stdout } = await run('plot', good, '--out', svg);
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote .*figure1\.svg \(\d+ identified lines; wavelengths in vacuum\)/);
    const text = readFileSync(svg, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('masked pixel');
    expect((await run('plot', good, '--out', join(dir, 'figure1.html'), '--no-error-band')).code).toBe(0);
    expect((await run('plot', good, '--out', join(dir, 'figure1.gif'))).code).toBe(2);
    expect((await run('plot', bad, '--out', join(dir, 'bad.svg'))).code).toBe(1);
  });
});

describe('conventions of every command that reads files', () => {
  it('has --strict and --json', async () => {
    for (const command of [
      'inspect',
      'lines',
      'provenance',
      'pipeline',
      'train',
      'eval',
      'predict',
      'merge',
      'demo',
    ]) {
      const { stdout } = await run(command, '--help');
      expect(stdout, command).toMatch(/--strict/);
      expect(stdout, command).toMatch(/--json/);
    }
  });

  it('--strict stops at the first file that cannot be read; without it the others are still read', async () => {
    const loose = await run('inspect', bad, good);
    expect(loose.code).toBe(1);
    expect(loose.stdout).toContain('sdss-spec');
    const strict = await run('inspect', '--strict', bad, good);
    expect(strict.code).toBe(1);
    expect(strict.stdout).not.toContain('sdss-spec');
    const lines = await run('lines', '--strict', bad, good);
    expect(lines.code).toBe(1);
    expect(lines.stdout).not.toContain('Hα');
  });
});
