import { type Card, type HeaderValue, parseCard } from './card.js';
import { FitsTruncatedError } from './errors.js';
import type { FitsIssue } from './issues.js';

/** Bytes in a FITS block. */
export const BLOCK = 2880;
/** The longest header accepted without an END card (about 210,000 cards; 16 MiB). */
export const MAX_HEADER_BYTES = 16 * 2 ** 20;
/** Bytes in a header card. */
export const CARD = 80;

/**
 * A FITS header: the cards in file order, with keyword look-up (first occurrence wins, as in astropy).
 * CONTINUE cards are folded into the string value of the card they continue.
 */
export class Header {
  #cards?: readonly Card[];
  #index?: Map<string, Card>;
  readonly #text?: string;
  readonly #issues?: FitsIssue[];
  readonly #hdu?: number;

  /**
   * A header from parsed cards, or (internally) from the raw text of its cards, parsed on first use so that
   * opening a file with many HDUs only decodes the headers that are read.
   */
  constructor(cards: readonly Card[] | { text: string; issues: FitsIssue[]; hdu: number }) {
    if (Array.isArray(cards)) this.#cards = cards;
    else {
      const raw = cards as { text: string; issues: FitsIssue[]; hdu: number };
      this.#text = raw.text;
      this.#issues = raw.issues;
      this.#hdu = raw.hdu;
    }
  }

  /** The cards in file order (CONTINUE chains folded). */
  get cards(): readonly Card[] {
    if (!this.#cards) this.#parse();
    return this.#cards!;
  }

  get #lookup(): Map<string, Card> {
    if (!this.#index) this.#parse();
    return this.#index!;
  }

  /**
   * Indexes the cards it was given, or parses the text once (taking the cards and keyword index of an identical
   * header parsed before).
   */
  #parse(): void {
    if (this.#cards) {
      this.#index = indexOf(this.#cards);
      return;
    }
    const parsed = parsedHeader(this.#text ?? '', this.#issues ?? [], this.#hdu ?? 0);
    this.#cards = parsed.cards;
    this.#index = parsed.index;
  }

  /**
   * The value of a keyword read from its card alone, without parsing the rest of the header (used to find
   * HDU sizes quickly); the same as get() for the mandatory keywords.
   */
  peek(keyword: string): HeaderValue | undefined {
    if (this.#cards || this.#text === undefined) return this.get(keyword);
    const key = keyword.toUpperCase().padEnd(8);
    const text = this.#text;
    for (let at = 0; at < text.length; at += CARD) {
      if (text.startsWith(key, at) && text[at + 8] === '=') {
        const card = parseCard(text.slice(at, at + CARD), [], this.#hdu);
        return card.value ?? undefined;
      }
    }
    return undefined;
  }

  /** True when a card with a value has this keyword. */
  has(keyword: string): boolean {
    return this.#lookup.has(keyword.toUpperCase());
  }

  /** The typed value of the first card with this keyword, or undefined. */
  get(keyword: string): HeaderValue | undefined {
    return this.#lookup.get(keyword.toUpperCase())?.value;
  }

  /** The card itself, with its comment and raw image. */
  card(keyword: string): Card | undefined {
    return this.#lookup.get(keyword.toUpperCase());
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
    return [...this.#lookup.keys()];
  }

  /** A plain object of keyword → value (first occurrence), for JSON output. */
  toObject(): Record<string, HeaderValue> {
    const out: Record<string, HeaderValue> = {};
    for (const [key, card] of this.#lookup) out[key] = card.value;
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
      if (isEndCard(bytes, start)) {
        checkBlankRest(bytes, start + CARD, position + BLOCK, hdu, issues);
        const text = latin1.decode(bytes.subarray(offset, start));
        return { header: new Header({ text, issues, hdu }), end: position + BLOCK };
      }
    }
    position += BLOCK;
  }
}

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** A header's cards, its keyword index (first card with a value wins), and the issues its parsing raised. */
interface ParsedText {
  cards: readonly Card[];
  index: Map<string, Card>;
  issues: Omit<FitsIssue, 'hdu'>[];
}

/**
 * Headers parsed lately, by their text: files of one survey release repeat whole headers (every SDSS spec file of
 * a release has the same 230-column SPALL header), and an identical text parses to identical cards, which are only
 * ever read. Bounded to RECENT_HEADERS entries, least recently used out first.
 */
const recentHeaders = new Map<string, ParsedText>();
const RECENT_HEADERS = 16;

function parsedHeader(text: string, issues: FitsIssue[], hdu: number): ParsedText {
  let parsed = recentHeaders.get(text);
  if (parsed) recentHeaders.delete(text);
  else {
    const raised: FitsIssue[] = [];
    const cardsOfText = parseCards(text, raised, hdu);
    parsed = {
      cards: cardsOfText,
      index: indexOf(cardsOfText),
      issues: raised.map(({ hdu: _, ...issue }) => issue),
    };
    if (recentHeaders.size >= RECENT_HEADERS) recentHeaders.delete(recentHeaders.keys().next().value!);
  }
  recentHeaders.set(text, parsed);
  for (const issue of parsed.issues) issues.push({ ...issue, hdu });
  return parsed;
}

function indexOf(cards: readonly Card[]): Map<string, Card> {
  const index = new Map<string, Card>();
  for (const card of cards)
    if (card.value !== null && !index.has(card.keyword)) index.set(card.keyword, card);
  return index;
}

/** Parses card images (a multiple of 80 characters) into cards, folding CONTINUE chains. */
function parseCards(text: string, issues: FitsIssue[], hdu: number): Card[] {
  const cards: Card[] = [];
  // One native scan of the whole text; cards are looked at one by one only when it finds a byte to report.
  const clean = !NOT_PRINTABLE_ASCII.test(text);
  for (let at = 0; at < text.length; at += CARD) {
    const raw = text.slice(at, at + CARD);
    if (!clean) checkAscii(raw, hdu, issues);
    cards.push(parseCard(raw, issues, hdu));
  }
  return foldContinue(cards, issues, hdu);
}

/** True when the 80 bytes at `start` are an END card (END and 77 blanks). */
export function isEndCard(bytes: Uint8Array, start: number): boolean {
  if (bytes[start] !== 0x45 || bytes[start + 1] !== 0x4e || bytes[start + 2] !== 0x44) return false;
  for (let i = start + 3; i < start + CARD; i++) if (bytes[i] !== 0x20) return false;
  return true;
}

function checkAscii(raw: string, hdu: number, issues: FitsIssue[]) {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) {
      issues.push({
        code: 'SPECTRA_FITS_NON_ASCII',
        message: `byte 0x${code.toString(16).padStart(2, '0')} in header card '${raw.slice(0, 8).trim()}'`,
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

/**
 * Joins CONTINUE cards onto the string of the card before them (long-string convention). Linear in the number of
 * cards: a chain's pieces are collected and joined once, never re-sliced per card.
 */
function foldContinue(cards: Card[], issues: FitsIssue[], hdu: number): Card[] {
  const out: Card[] = [];
  let chain: { at: number; values: string[]; comments: string[]; raws: string[] } | undefined;
  const closeChain = () => {
    if (!chain) return;
    const head = out[chain.at];
    out[chain.at] = {
      ...head,
      value: chain.values.join(''),
      comment: chain.comments.filter(Boolean).join(' '),
      raw: chain.raws.join(''),
    };
    chain = undefined;
  };
  for (const card of cards) {
    if (card.keyword === 'CONTINUE') {
      const previous = out[out.length - 1];
      const open = chain ? chain.values[chain.values.length - 1].endsWith('&') : false;
      const startsChain =
        !chain && previous && typeof previous.value === 'string' && previous.value.endsWith('&');
      if (startsChain) {
        chain = {
          at: out.length - 1,
          values: [previous.value as string],
          comments: [previous.comment ?? ''],
          raws: [previous.raw],
        };
      }
      if (chain && (open || startsChain)) {
        const values = chain.values;
        values[values.length - 1] = values[values.length - 1].slice(0, -1);
        values.push(typeof card.value === 'string' ? card.value : '');
        chain.comments.push(card.comment ?? '');
        chain.raws.push(card.raw);
        continue;
      }
      closeChain();
      issues.push({
        code: 'SPECTRA_FITS_ORPHAN_CONTINUE',
        message: 'CONTINUE card without a string to continue',
        hdu,
      });
      out.push({ ...card, value: null });
      continue;
    }
    closeChain();
    out.push(card);
  }
  closeChain();
  return out;
}
