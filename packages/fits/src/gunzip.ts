import { Gunzip } from 'fflate';
import { FitsFormatError, FitsLimitError, SpectraError } from './errors.js';
import { FitsStreamCheck } from './fits-stream-check.js';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

type NodeZlib = typeof import('node:zlib');
type Crc32 = (data: Uint8Array, value?: number) => number;

const nodeZlib: NodeZlib | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:zlib') as NodeZlib | undefined;
  } catch {
    return undefined;
  }
})();

/** Node's zlib.crc32 (Node ≥ 20.15) where present, to check each member's CRC; elsewhere only sizes are checked. */
const crc32 = (nodeZlib as { crc32?: Crc32 } | undefined)?.crc32;

/** Streams whose trailer declares at most this many bytes are inflated by native zlib in one call (fast path). */
const NATIVE_MAX_BYTES = 64 * 2 ** 20;

/** Deflate cannot expand data by more than about 1032:1; a larger declared size is a corrupt trailer. */
const MAX_RATIO = 1032;
/** Compressed bytes inflated per step: at most ~4 MB of output between two checks of size and structure. */
const SLICE = 4 * 1024;

/**
 * Decompresses a gzip stream (all members) as a stream: output is checked against `maxBytes` and against the FITS
 * structure (see FitsStreamCheck) as it is produced, so a gzip bomb stops at the budget, or earlier when the bytes
 * stop looking like FITS, with memory ≤ the output kept + one step. The trailer's size (ISIZE) presizes the output
 * when it is plausible; each member's size, and its CRC-32 where the runtime has one, are checked.
 */
export function gunzip(bytes: Uint8Array, maxBytes: number, file?: string): Uint8Array {
  const where = { file };
  if (bytes.length < 18) throw new FitsFormatError('corrupt gzip stream: shorter than a gzip header', where);
  const native = nativeGunzip(bytes, maxBytes, file);
  if (native) return native;
  const output = new Output(bytes, maxBytes, file);
  const check = new FitsStreamCheck(maxBytes, file);
  const members = new MemberCheck(bytes, output, file);
  let stopAt: number | undefined;
  const inflater = new Gunzip((chunk) => {
    if (stopAt !== undefined) return;
    const at = output.length;
    output.push(chunk);
    members.update(chunk);
    stopAt = check.consume(chunk, at);
  });
  inflater.onmember = (offset) => members.next(offset);
  try {
    for (let at = 0; at < bytes.length && stopAt === undefined; at += SLICE) {
      inflater.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    }
  } catch (error) {
    if (error instanceof SpectraError) throw error;
    throw new FitsFormatError(`corrupt gzip stream: ${(error as Error).message}`, where);
  }
  if (stopAt !== undefined) return output.result(stopAt);
  members.finish();
  return output.result(output.length);
}

/**
 * Node's native zlib for the common case, a stream whose trailer declares a size within NATIVE_MAX_BYTES and the
 * limit: inflating stops at that declared size, so the memory is bounded by a constant whatever the stream holds.
 * Undefined (use the checked stream) without Node's zlib, for larger declared sizes, or when the stream goes on past
 * what its trailer declares (a multi-gigabyte stream's size wraps at 4 GiB).
 */
function nativeGunzip(bytes: Uint8Array, maxBytes: number, file?: string): Uint8Array | undefined {
  const declared = declaredSize(bytes);
  if (!nodeZlib || declared > NATIVE_MAX_BYTES || declared > maxBytes || declared > bytes.length * MAX_RATIO)
    return undefined;
  try {
    const out = nodeZlib.gunzipSync(bytes, { maxOutputLength: Math.max(declared, 1) });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    throw new FitsFormatError(`corrupt gzip stream: ${(error as Error).message}`, { file });
  }
}

/** The size the (last) member's trailer declares, modulo 2^32. */
function declaredSize(bytes: Uint8Array): number {
  const n = bytes.length;
  return (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
}

/** The decompressed bytes: one presized buffer while the trailer's size holds, else a list of chunks. */
class Output {
  length = 0;
  readonly #maxBytes: number;
  readonly #file?: string;
  #buffer?: Uint8Array;
  #chunks: Uint8Array[] = [];

  constructor(input: Uint8Array, maxBytes: number, file?: string) {
    this.#maxBytes = maxBytes;
    this.#file = file;
    const declared = declaredSize(input);
    if (declared > 0 && declared <= maxBytes && declared <= input.length * MAX_RATIO)
      this.#buffer = new Uint8Array(declared);
  }

  push(chunk: Uint8Array) {
    if (this.length + chunk.length > this.#maxBytes) {
      throw new FitsLimitError(`gzip stream expands past the ${this.#maxBytes}-byte limit`, {
        file: this.#file,
      });
    }
    if (this.#buffer && this.length + chunk.length <= this.#buffer.length) {
      this.#buffer.set(chunk, this.length);
    } else {
      if (this.#buffer) this.#chunks.push(this.#buffer.subarray(0, this.length));
      this.#buffer = undefined;
      this.#chunks.push(chunk);
    }
    this.length += chunk.length;
  }

  /** The first `length` bytes, copied at most once. */
  result(length: number): Uint8Array {
    if (this.#buffer) return this.#buffer.subarray(0, length);
    const out = new Uint8Array(length);
    let at = 0;
    for (const chunk of this.#chunks) {
      if (at >= length) break;
      const part = chunk.subarray(0, length - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/** Checks each member's trailer (ISIZE, and CRC-32 where available) against what it inflated to. */
class MemberCheck {
  readonly #input: Uint8Array;
  readonly #output: Output;
  readonly #file?: string;
  #start = 0;
  #crc = 0;

  constructor(input: Uint8Array, output: Output, file?: string) {
    this.#input = input;
    this.#output = output;
    this.#file = file;
  }

  update(chunk: Uint8Array) {
    if (crc32) this.#crc = crc32(chunk, this.#crc);
  }

  /** A new member starts at input byte `offset`: the previous one's trailer is the 8 bytes before it. */
  next(offset: number) {
    this.#verify(offset);
    this.#start = this.#output.length;
    this.#crc = 0;
  }

  finish() {
    this.#verify(this.#input.length);
  }

  #verify(end: number) {
    const t = this.#input.subarray(end - 8, end);
    const crc = (t[0] | (t[1] << 8) | (t[2] << 16) | (t[3] << 24)) >>> 0;
    const size = (t[4] | (t[5] << 8) | (t[6] << 16) | (t[7] << 24)) >>> 0;
    const produced = this.#output.length - this.#start;
    if (size !== produced % 2 ** 32 || (crc32 && crc !== this.#crc >>> 0)) {
      throw new FitsFormatError(
        `corrupt gzip stream: the member's trailer does not match its data (${size !== produced % 2 ** 32 ? 'size' : 'CRC-32'})`,
        { file: this.#file },
      );
    }
  }
}
