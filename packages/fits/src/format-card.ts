import type { HeaderValue } from './card.js';
import { FitsWriteError } from './errors.js';

/** A header card to write: keyword, value and an optional comment. */
export interface CardInput {
  keyword: string;
  value: HeaderValue;
  comment?: string;
}

const STRING_CHUNK = 67;

/** Formats one card (or a CONTINUE chain for a long string) as 80-character images in fixed format. */
export function formatCard(card: CardInput): string[] {
  const keyword = card.keyword.toUpperCase();
  if (keyword === 'COMMENT' || keyword === 'HISTORY' || keyword === '') {
    const text = String(card.value ?? card.comment ?? '');
    const images: string[] = [];
    for (let i = 0; i === 0 || i < text.length; i += 72)
      images.push(pad(keyword.padEnd(8) + text.slice(i, i + 72)));
    return images;
  }
  const hierarch = keyword.length > 8 || keyword.includes(' ');
  if (!hierarch && !/^[A-Z0-9_-]{1,8}$/.test(keyword))
    throw new FitsWriteError(`illegal keyword '${card.keyword}'`);
  const prefix = hierarch ? `HIERARCH ${keyword} = ` : `${keyword.padEnd(8)}= `;
  const comment = card.comment ? ` / ${card.comment}` : '';
  if (typeof card.value === 'string') {
    checkAscii(card.value, keyword);
    const escaped = card.value.replaceAll("'", "''");
    const room = 80 - prefix.length - 2;
    if (escaped.length <= room) {
      return [fit(`${prefix}'${escaped.padEnd(Math.min(8, room))}'`, comment)];
    }
    const chunks = splitEscaped(escaped, STRING_CHUNK - (prefix.length - 10), STRING_CHUNK);
    const images = [fit(`${prefix}'${chunks[0]}&'`, '')];
    for (let i = 1; i < chunks.length; i++) {
      const last = i === chunks.length - 1;
      images.push(fit(`CONTINUE  '${chunks[i]}${last ? '' : '&'}'`, last ? comment : ''));
    }
    return images;
  }
  const text = formatValue(card.value, keyword);
  if (prefix.length + text.length > 80)
    throw new FitsWriteError(`value of ${keyword} does not fit in a card`);
  const image = hierarch ? `${prefix}${text}` : `${prefix}${text.padStart(20)}`;
  return [fit(image, comment)];
}

/** Formats a non-string value the way the FITS fixed format expects. */
export function formatValue(value: HeaderValue, keyword: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatNumber(value, keyword);
  if (typeof value === 'object')
    return `(${formatNumber(value.re, keyword)}, ${formatNumber(value.im, keyword)})`;
  throw new FitsWriteError(`cannot write value of ${keyword}`);
}

/** Integers as integers; other floats in the shortest form that reads back exactly, with an upper-case E. */
export function formatNumber(value: number, keyword: string): string {
  if (!Number.isFinite(value))
    throw new FitsWriteError(`${keyword} = ${value}: FITS headers cannot hold NaN or Infinity`);
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(0);
  const text = String(value).toUpperCase();
  const [mantissa, exponent] = text.split('E');
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withPoint : `${withPoint}E${exponent}`;
}

function fit(image: string, comment: string): string {
  return pad(image.length + comment.length <= 80 ? image + comment : image);
}

function pad(image: string): string {
  if (image.length > 80) throw new FitsWriteError(`card longer than 80 characters: ${image.slice(0, 20)}...`);
  return image.padEnd(80);
}

/** Splits an escaped string into chunks, never between the two quotes of an escaped quote. */
function splitEscaped(escaped: string, first: number, rest: number): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < escaped.length) {
    let end = Math.min(escaped.length, at + (chunks.length === 0 ? first : rest));
    let quotes = 0;
    for (let i = end - 1; i >= at && escaped[i] === "'"; i--) quotes++;
    if (quotes % 2 === 1 && end < escaped.length) end--;
    chunks.push(escaped.slice(at, end));
    at = end;
  }
  return chunks;
}

function checkAscii(text: string, keyword: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e)
      throw new FitsWriteError(`${keyword}: header strings must be printable ASCII`);
  }
}
