import type { FitsIssue } from './issues.js';

/** A complex header value, `(re, im)`. */
export interface ComplexValue {
  re: number;
  im: number;
}

/** A typed header value: logical, integer (bigint past 2^53), float, string, complex, or null (no value). */
export type HeaderValue = boolean | number | bigint | string | ComplexValue | null;

/**
 * One header card, as parsed; `raw` is the 80 characters as found (the first, for a CONTINUE chain). Read-only:
 * identical headers share their cards.
 */
export interface Card {
  /** Upper-case keyword; for HIERARCH cards the words after HIERARCH joined by single spaces. */
  readonly keyword: string;
  /** The typed value; `null` for commentary cards and cards with an empty value. */
  readonly value: HeaderValue;
  /** The comment after `/`, or the text of a COMMENT/HISTORY/blank card. */
  readonly comment: string;
  /** The card image(s) as found in the file. */
  readonly raw: string;
}

/** Keywords whose text is commentary rather than a value. */
export const COMMENTARY_KEYWORDS = new Set(['COMMENT', 'HISTORY', '', 'CONTINUE']);

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?$/;
const COMPLEX = /^\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/;

/**
 * Parses one 80-character card image. Problems that still leave a usable card are pushed to `issues`.
 */
export function parseCard(raw: string, issues: FitsIssue[], hdu?: number): Card {
  // The keyword field, trimmed and upper-cased, and whether it keeps to A-Z 0-9 _ - (one pass over 8 characters).
  let end = 8;
  while (end > 0 && raw.charCodeAt(end - 1) === 0x20) end--;
  let legal = true;
  for (let i = 0; i < end && legal; i++) {
    const c = raw.charCodeAt(i);
    legal = (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
  }
  const keyword = legal ? raw.slice(0, end) : raw.slice(0, 8).trimEnd().toUpperCase();
  if (keyword === 'HIERARCH') return parseHierarch(raw, issues, hdu);
  if (keyword === 'CONTINUE') {
    const { value, comment } = parseValueField(raw.slice(8), raw, issues, hdu);
    return { keyword, value, comment, raw };
  }
  if (COMMENTARY_KEYWORDS.has(keyword) || raw[8] !== '=') {
    return { keyword, value: null, comment: raw.slice(8).trimEnd(), raw };
  }
  if (raw[9] !== ' ') {
    issues.push({
      code: 'SPECTRA_FITS_NONSTANDARD_CARD',
      message: `card ${keyword} has no space after '='`,
      hdu,
    });
  }
  if (!legal && !/^[A-Z0-9_-]*$/.test(keyword)) {
    issues.push({ code: 'SPECTRA_FITS_NONSTANDARD_CARD', message: `illegal keyword '${keyword}'`, hdu });
  }
  const { value, comment } = parseValueField(raw.slice(9), raw, issues, hdu);
  return { keyword, value, comment, raw };
}

function parseHierarch(raw: string, issues: FitsIssue[], hdu?: number): Card {
  const body = raw.slice(8);
  const eq = body.indexOf('=');
  if (eq < 0) return { keyword: 'HIERARCH', value: null, comment: body.trim(), raw };
  const keyword = body.slice(0, eq).trim().split(/\s+/).join(' ').toUpperCase();
  const { value, comment } = parseValueField(body.slice(eq + 1), raw, issues, hdu);
  return { keyword, value, comment, raw };
}

/** Parses the value-and-comment part of a card (after `= `). */
function parseValueField(
  field: string,
  raw: string,
  issues: FitsIssue[],
  hdu?: number,
): { value: HeaderValue; comment: string } {
  let i = 0;
  while (i < field.length && field[i] === ' ') i++;
  if (i === field.length) return { value: null, comment: '' };
  if (field[i] === "'") {
    // The string runs to the first quote not doubled ('' stands for one quote).
    let text = '';
    let from = i + 1;
    let j = field.indexOf("'", from);
    while (j >= 0 && field[j + 1] === "'") {
      text += `${field.slice(from, j)}'`;
      from = j + 2;
      j = field.indexOf("'", from);
    }
    const closed = j >= 0;
    text += field.slice(from, closed ? j : field.length);
    j = closed ? j + 1 : field.length;
    if (!closed) {
      issues.push({
        code: 'SPECTRA_FITS_UNCLOSED_STRING',
        message: `unclosed string in card '${raw.trimEnd()}'`,
        hdu,
      });
    }
    return { value: text.trimEnd(), comment: commentAfter(field.slice(j)) };
  }
  if (field[i] === '/') return { value: null, comment: field.slice(i + 1).trim() };
  const slash = field.indexOf('/', i);
  const token = (slash < 0 ? field.slice(i) : field.slice(i, slash)).trim();
  const comment = slash < 0 ? '' : field.slice(slash + 1).trim();
  const value = parseToken(token);
  if (value === undefined) {
    issues.push({
      code: 'SPECTRA_FITS_BAD_VALUE',
      message: `unparseable value '${token}' in card '${raw.trimEnd()}' kept as text`,
      hdu,
    });
    return { value: token, comment };
  }
  return { value, comment };
}

function commentAfter(rest: string): string {
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(slash + 1).trim();
}

/** Parses a non-string value token; undefined when it is none of the FITS value types. */
export function parseToken(token: string): HeaderValue | undefined {
  if (token === 'T') return true;
  if (token === 'F') return false;
  if (INTEGER.test(token)) {
    const n = Number(token);
    return Number.isSafeInteger(n) ? n : BigInt(token);
  }
  if (FLOAT.test(token)) return Number(token.replace(/[Dd]/, 'E'));
  const complex = COMPLEX.exec(token);
  if (complex) {
    const re = parseToken(complex[1]);
    const im = parseToken(complex[2]);
    if (typeof re === 'number' && typeof im === 'number') return { re, im };
  }
  return undefined;
}
