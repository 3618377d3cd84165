import { gunzipSync as fflateGunzip } from 'fflate';
import { FitsFormatError, FitsLimitError } from './errors.js';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

type NodeZlib = typeof import('node:zlib');

const nodeZlib: NodeZlib | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:zlib') as NodeZlib | undefined;
  } catch {
    return undefined;
  }
})();

/** Deflate cannot expand data by more than about 1032:1; a larger declared size is a corrupt trailer. */
const MAX_RATIO = 1032;

/**
 * Decompresses a gzip stream (all members), refusing to produce more than `maxBytes`.
 * Uses Node's zlib where present (native, bounded by maxOutputLength), fflate elsewhere.
 */
export function gunzip(bytes: Uint8Array, maxBytes: number, file?: string): Uint8Array {
  if (nodeZlib) {
    try {
      const out = nodeZlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FitsLimitError(`gzip stream expands past the ${maxBytes}-byte limit`, { file });
      }
      throw new FitsFormatError(`corrupt gzip stream: ${(error as Error).message}`, { file });
    }
  }
  if (bytes.length < 18)
    throw new FitsFormatError('corrupt gzip stream: shorter than a gzip header', { file });
  const n = bytes.length;
  const declared = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  if (declared > maxBytes)
    throw new FitsLimitError(`gzip stream declares ${declared} bytes, past the limit`, { file });
  if (declared > n * MAX_RATIO)
    throw new FitsFormatError('corrupt gzip stream: impossible declared size', { file });
  try {
    return fflateGunzip(bytes);
  } catch (error) {
    throw new FitsFormatError(`corrupt gzip stream: ${(error as Error).message}`, { file });
  }
}
