import { type Card, type HeaderValue, parseCard } from './card.js';
import { FitsHeaderError, FitsTruncatedError } from './errors.js';
import type { FitsIssue } from './issues.js';

/** Bytes in a FITS block. */
export const BLOCK = 2880;
/** Bytes in a header card. */
export const CARD = 80;

/**
 * A FITS header: the cards in file order, with keyword look-up (first occurrence wins, as in astropy).
 * CONTINUE cards are folded into the string value of the card they continue.
 */
export class Header {
  readonly cards: readonly Card[];
  readonly #index = new Map<string, Card>();

  constructor(cards: readonly Card[]) {
    this.cards = cards;
    for (const card of cards) {
      if (card.value !== null && !this.#index.has(card.keyword)) this.#index.set(card.keyword, card);
    }
  }

  /** True when a card with a value has this keyword. */
  has(keyword: string): boolean {
    return this.#index.has(keyword.toUpperCase());
  }

  /** The typed value of the first card with this keyword, or undefined. */
  get(keyword: string): HeaderValue | undefined {
    return this.#index.get(keyword.toUpperCase())?.value;
  }

  /** The card itself, with its comment and raw image. */
  card(keyword: string): Card | undefined {
    return this.#index.get(keyword.toUpperCase());
  }

  /** A numeric value (integers past 2^53 are converted with loss); undefined when absent or not numeric. */
  number(keyword: string): number | undefined {
    const value = this.get(keyword);
    if (typeof value === 'number') return value;
    if (typeof value === 'bigint') return Number(value);
    return undefined;
  }

  /** An integer value as a safe JS number; undefined when absent, not an integer, or too large. */
  integer(keyword: string): number | undefined {
    const value = this.get(keyword);
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    return undefined;
  }

  /** A string value; undefined when absent or not a string. */
  string(keyword: string): string | undefined {
    const value = this.get(keyword);
    return typeof value === 'string' ? value : undefined;
  }

  /** A logical value; undefined when absent or not logical. */
  boolean(keyword: string): boolean | undefined {
    const value = this.get(keyword);
    return typeof value === 'boolean' ? value : undefined;
  }

  /** The text of every COMMENT card, in order. */
  comments(): string[] {
    return this.cards.filter((c) => c.keyword === 'COMMENT').map((c) => c.comment);
  }

  /** The text of every HISTORY card, in order. */
  history(): string[] {
    return this.cards.filter((c) => c.keyword === 'HISTORY').map((c) => c.comment);
  }

  /** Keywords with values, in file order, without duplicates. */
  keywords(): string[] {
    return [...this.#index.keys()];
  }

  /** A plain object of keyword → value (first occurrence), for JSON output. */
  toObject(): Record<string, HeaderValue> {
    const out: Record<string, HeaderValue> = {};
    for (const [key, card] of this.#index) out[key] = card.value;
    return out;
  }
}

/** Result of scanning a header from a byte offset. */
export interface ParsedHeader {
  header: Header;
  /** Byte offset of the first byte after the header's last block. */
  end: number;
}

const latin1 = new TextDecoder('latin1');

/**
 * Parses the header that starts at `offset`: 80-byte cards in 2880-byte blocks up to the END card.
 * Throws FitsTruncatedError when the bytes end before END, FitsHeaderError for non-ASCII bytes in a card.
 */
export function parseHeader(
  bytes: Uint8Array,
  offset: number,
  hdu: number,
  issues: FitsIssue[],
  file?: string,
): ParsedHeader {
  const cards: Card[] = [];
  let position = offset;
  for (;;) {
    if (position + BLOCK > bytes.length) {
      throw new FitsTruncatedError(
        `header has no END card: ${bytes.length - offset} bytes of header, file ends in the middle of a 2880-byte block`,
        { file, hdu, offset: position },
      );
    }
    for (let c = 0; c < BLOCK; c += CARD) {
      const start = position + c;
      checkAscii(bytes, start, file, hdu, issues);
      const raw = latin1.decode(bytes.subarray(start, start + CARD));
      if (raw.startsWith('END') && raw.slice(3).trim() === '') {
        checkBlankRest(bytes, start + CARD, position + BLOCK, hdu, issues);
        return { header: new Header(foldContinue(cards, issues, hdu)), end: position + BLOCK };
      }
      cards.push(parseCard(raw, issues, hdu));
    }
    position += BLOCK;
  }
}

function checkAscii(
  bytes: Uint8Array,
  start: number,
  file: string | undefined,
  hdu: number,
  issues: FitsIssue[],
) {
  for (let i = start; i < start + CARD; i++) {
    const b = bytes[i];
    if (b < 0x20 || b > 0x7e) {
      if (b === 0 && i === start) {
        throw new FitsHeaderError(`header card starts with a NUL byte: not a header (missing END card?)`, {
          file,
          hdu,
          offset: start,
        });
      }
      issues.push({
        code: 'SPECTRA_FITS_NON_ASCII',
        message: `byte 0x${b.toString(16).padStart(2, '0')} at offset ${i} in a header card`,
        hdu,
      });
      return;
    }
  }
}

function checkBlankRest(bytes: Uint8Array, from: number, to: number, hdu: number, issues: FitsIssue[]) {
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 0x20) {
      issues.push({
        code: 'SPECTRA_FITS_HEADER_PADDING',
        message: 'header block after END is not blank',
        hdu,
      });
      return;
    }
  }
}

/** Joins CONTINUE cards onto the string of the card before them (long-string convention). */
function foldContinue(cards: Card[], issues: FitsIssue[], hdu: number): Card[] {
  const out: Card[] = [];
  for (const card of cards) {
    const previous = out[out.length - 1];
    if (card.keyword === 'CONTINUE') {
      if (previous && typeof previous.value === 'string' && previous.value.endsWith('&')) {
        const more = typeof card.value === 'string' ? card.value : '';
        out[out.length - 1] = {
          ...previous,
          value: previous.value.slice(0, -1) + more,
          comment: [previous.comment, card.comment].filter(Boolean).join(' '),
          raw: previous.raw + card.raw,
        };
        continue;
      }
      issues.push({
        code: 'SPECTRA_FITS_ORPHAN_CONTINUE',
        message: 'CONTINUE card without a string to continue',
        hdu,
      });
      out.push({ ...card, value: null });
      continue;
    }
    out.push(card);
  }
  return out;
}
