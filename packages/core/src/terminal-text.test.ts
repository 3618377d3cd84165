import { describe, expect, it } from 'vitest';
import { SpectraError } from './errors.js';
import { escapeControl } from './terminal-text.js';

describe('escapeControl', () => {
  it('escapes C0, DEL and C1 controls, keeps newlines, tabs and ordinary text', () => {
    expect(escapeControl('a\u001b[2Jb\u0007\r\u007f\u009b\n\tÅ')).toBe(
      'a\\u001b[2Jb\\u0007\\u000d\\u007f\\u009b\n\tÅ',
    );
    expect(escapeControl('x\ry', '\r')).toBe('x\ry');
  });

  it('an escaped string is still valid JSON text with the same meaning', () => {
    const raw = 'unit \u001b[31m\u009b';
    expect(JSON.parse(escapeControl(JSON.stringify(raw)))).toBe(raw);
  });

  it('error messages carrying file text are escaped', () => {
    const error = new SpectraError('SPECTRA_FITS_BAD_HEADER', "XTENSION '\u001b]0;owned\u0007'", {
      file: 'a\u001b.fits',
    });
    expect(error.message).toBe("XTENSION '\\u001b]0;owned\\u0007' (a\\u001b.fits)");
  });
});
