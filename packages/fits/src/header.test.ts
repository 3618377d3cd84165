import { card, handBuiltHdu } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { parseCard } from './card.js';
import { parseFits } from './fits-file.js';
import type { FitsIssue } from './issues.js';

function primaryWith(...cards: string[]) {
  return parseFits(handBuiltHdu([card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 0), ...cards]))
    .primary.header;
}

describe('header cards', () => {
  it('parses logical, integer, float with D exponent, string with doubled quotes, and comments', () => {
    const header = primaryWith(
      'FLAG    =                    T / a logical',
      'COUNT   =                 -42',
      'SCALE   =            1.5D-03 / Fortran exponent',
      'E       =             2.5E+10',
      "NAME    = 'O''Brien '           / trailing blanks are not significant",
      "LEAD    = '  spaced'",
    );
    expect(header.get('FLAG')).toBe(true);
    expect(header.card('FLAG')?.comment).toBe('a logical');
    expect(header.get('COUNT')).toBe(-42);
    expect(header.get('SCALE')).toBeCloseTo(1.5e-3, 15);
    expect(header.get('E')).toBe(2.5e10);
    expect(header.get('NAME')).toBe("O'Brien");
    expect(header.get('LEAD')).toBe('  spaced');
  });

  it('returns integers past 2^53 as bigint', () => {
    const header = primaryWith('BIG     =  9223372036854775807', 'BZERO   =  9223372036854775808');
    expect(header.get('BIG')).toBe(9223372036854775807n);
    expect(header.get('BZERO')).toBe(2n ** 63n);
  });

  it('parses complex values and empty values', () => {
    const header = primaryWith('CPLX    = (1.5, -2.0)', 'UNDEF   =                      / no value');
    expect(header.get('CPLX')).toEqual({ re: 1.5, im: -2 });
    expect(header.get('UNDEF')).toBeUndefined();
    expect(header.cards.find((c) => c.keyword === 'UNDEF')?.value).toBeNull();
  });

  it('joins CONTINUE long strings', () => {
    const header = primaryWith(
      "LONGSTR = 'The quick brown fox jumps over the lazy dog, and then &'",
      "CONTINUE  'keeps running across the &'",
      "CONTINUE  'field.' / the comment",
    );
    expect(header.get('LONGSTR')).toBe(
      'The quick brown fox jumps over the lazy dog, and then keeps running across the field.',
    );
    expect(header.card('LONGSTR')?.comment).toBe('the comment');
  });

  it('reads HIERARCH keywords', () => {
    const header = primaryWith(
      "HIERARCH ESO DET CHIP NAME = 'CCD-44' / detector",
      'HIERARCH ESO TEL AIRM START = 1.234',
    );
    expect(header.get('ESO DET CHIP NAME')).toBe('CCD-44');
    expect(header.get('ESO TEL AIRM START')).toBe(1.234);
  });

  it('keeps COMMENT and HISTORY cards in order, and card order overall', () => {
    const header = primaryWith(
      'COMMENT first',
      'HISTORY one',
      "OBJECT  = 'star'",
      'COMMENT second',
      'HISTORY two',
    );
    expect(header.comments()).toEqual(['first', 'second']);
    expect(header.history()).toEqual(['one', 'two']);
    expect(header.cards.map((c) => c.keyword)).toEqual([
      'SIMPLE',
      'BITPIX',
      'NAXIS',
      'COMMENT',
      'HISTORY',
      'OBJECT',
      'COMMENT',
      'HISTORY',
    ]);
  });

  it('the first of duplicated keywords wins, as in astropy', () => {
    const header = primaryWith(card('OBJECT', 'first'), card('OBJECT', 'second'));
    expect(header.get('OBJECT')).toBe('first');
  });

  it('records an unparseable value as an issue and keeps the text', () => {
    const issues: FitsIssue[] = [];
    const parsed = parseCard('WEIRD   = 12abc'.padEnd(80), issues);
    expect(parsed.value).toBe('12abc');
    expect(issues[0].code).toBe('SPECTRA_FITS_BAD_VALUE');
  });

  it('records an unclosed string as an issue', () => {
    const issues: FitsIssue[] = [];
    const parsed = parseCard("OBJECT  = 'no end".padEnd(80), issues);
    expect(parsed.value).toBe('no end');
    expect(issues[0].code).toBe('SPECTRA_FITS_UNCLOSED_STRING');
  });
});

describe('identical headers', () => {
  it('parse to the same cards, and each file still reports its own header problems with its own HDU', () => {
    const odd = ['NOSPACE =1', "TEXT    = 'unclosed"];
    const first = parseFits(
      handBuiltHdu([card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 0), ...odd]),
    );
    const second = parseFits(
      handBuiltHdu([card('SIMPLE', true), card('BITPIX', 8), card('NAXIS', 0), ...odd]),
    );
    expect(second.primary.header.cards).toEqual(first.primary.header.cards);
    const codes = (issues: FitsIssue[]) => issues.map((i) => `${i.code}@${i.hdu}`).sort();
    expect(codes(second.issues)).toEqual(codes(first.issues));
    expect(codes(second.issues)).toEqual([
      'SPECTRA_FITS_NONSTANDARD_CARD@0',
      'SPECTRA_FITS_UNCLOSED_STRING@0',
    ]);
    expect(second.primary.header.get('TEXT')).toBe('unclosed');
  });
});
