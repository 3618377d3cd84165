import { concatBytes } from './byte-source.js';
import { FitsFormatError, FitsLimitError } from './errors.js';
import { BLOCK, CARD, isEndCard, MAX_HEADER_BYTES, parseHeader } from './header.js';
import { describeHdu } from './scan-hdus.js';

const SIMPLE = 'SIMPLE  =';
const XTENSION = 'XTENSION=';

/**
 * Follows the FITS structure of bytes as they are decompressed, so that inflating can stop as soon as they stop
 * looking like FITS: the first block must start with SIMPLE, every header block must be text, a header must end
 * within MAX_HEADER_BYTES, and no header may declare data that would take the file past `maxBytes`. After the last
 * HDU, one block of whatever follows is kept (the scanner reports it) and the rest is not inflated.
 */
export class FitsStreamCheck {
  readonly #maxBytes: number;
  readonly #file?: string;
  #phase: 'header' | 'data' | 'trailing' = 'header';
  #index = 0;
  #hduStart = 0;
  /** The complete blocks of the current header, and the block being filled. */
  #header: Uint8Array[] = [];
  #headerLength = 0;
  readonly #block = new Uint8Array(BLOCK);
  #dataEnd = 0;

  constructor(maxBytes: number, file?: string) {
    this.#maxBytes = maxBytes;
    this.#file = file;
  }

  /**
   * Takes the next decompressed bytes, which start at byte `at` of the output. Returns the output length at which
   * inflating should stop, or undefined to go on. Throws typed errors for bytes that cannot be FITS.
   */
  consume(chunk: Uint8Array, at: number): number | undefined {
    let position = 0;
    while (position < chunk.length) {
      const offset = at + position;
      if (this.#phase === 'trailing') return this.#hduStart + BLOCK;
      if (this.#phase === 'data') {
        const skip = Math.min(chunk.length - position, this.#dataEnd - offset);
        position += skip;
        if (offset + skip === this.#dataEnd) this.#startHeader(this.#dataEnd);
        continue;
      }
      const fill = this.#headerLength % BLOCK;
      const take = Math.min(chunk.length - position, BLOCK - fill);
      this.#block.set(chunk.subarray(position, position + take), fill);
      this.#headerLength += take;
      position += take;
      if (this.#headerLength % BLOCK === 0) this.#completeBlock();
    }
    return this.#phase === 'trailing' && at + chunk.length >= this.#hduStart + BLOCK
      ? this.#hduStart + BLOCK
      : undefined;
  }

  #startHeader(offset: number) {
    this.#phase = 'header';
    this.#index++;
    this.#hduStart = offset;
    this.#header = [];
    this.#headerLength = 0;
  }

  #completeBlock() {
    const block = this.#block.slice();
    this.#header.push(block);
    const blockStart = this.#headerLength - BLOCK;
    if (blockStart === 0) {
      const expected = this.#index === 0 ? SIMPLE : XTENSION;
      if (!startsWith(block, expected)) {
        if (this.#index === 0)
          throw new FitsFormatError('not a FITS file: it does not start with SIMPLE =', {
            file: this.#file,
            offset: 0,
          });
        this.#phase = 'trailing';
        return;
      }
    }
    if (!looksLikeText(block)) {
      throw new FitsFormatError(
        `decompressed bytes stop looking like FITS: header block at byte ${this.#hduStart + blockStart} of HDU ${this.#index} is not text`,
        { file: this.#file, hdu: this.#index, offset: this.#hduStart + blockStart },
      );
    }
    if (!hasEndCard(block)) {
      if (this.#headerLength >= MAX_HEADER_BYTES)
        throw new FitsLimitError(
          `header of HDU ${this.#index} runs past ${MAX_HEADER_BYTES} bytes without END`,
          {
            file: this.#file,
            hdu: this.#index,
          },
        );
      return;
    }
    const bytes = this.#header.length === 1 ? this.#header[0] : concatBytes(this.#header, this.#headerLength);
    const { header, end } = parseHeader(bytes, 0, this.#index, [], this.#file);
    const layout = describeHdu(header, this.#index, 0, end, this.#file, []);
    const dataEnd = this.#hduStart + end + Math.ceil(layout.dataBytes / BLOCK) * BLOCK;
    if (dataEnd > this.#maxBytes) {
      throw new FitsLimitError(
        `HDU ${this.#index} declares ${layout.dataBytes} bytes of data, which takes the file past the ${this.#maxBytes}-byte limit`,
        { file: this.#file, hdu: this.#index },
      );
    }
    this.#header = [];
    if (dataEnd === this.#hduStart + end) this.#startHeader(dataEnd);
    else {
      this.#phase = 'data';
      this.#dataEnd = dataEnd;
    }
  }
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Nine bytes in ten printable ASCII: real headers with a stray byte pass, binary data does not. */
function looksLikeText(block: Uint8Array): boolean {
  let printable = 0;
  for (let i = 0; i < block.length; i++) if (block[i] >= 0x20 && block[i] <= 0x7e) printable++;
  return printable >= block.length * 0.9;
}

function hasEndCard(block: Uint8Array): boolean {
  for (let c = 0; c < BLOCK; c += CARD) if (isEndCard(block, c)) return true;
  return false;
}
