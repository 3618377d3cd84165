/**
 * A Node built-in module (`node:fs/promises`, `node:zlib`…) where the runtime has one — Node, Deno, Bun — else
 * undefined. Loaded through process.getBuiltinModule when present, or an import whose specifier bundlers do not
 * follow, so that a browser bundle of a package that uses it needs no shim, and fails with the caller's own typed
 * error instead of a module-resolution error.
 */
export async function nodeBuiltin<T>(id: `node:${string}`): Promise<T | undefined> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc) return undefined;
  try {
    const builtin = proc.getBuiltinModule?.(id) as T | undefined;
    if (builtin) return builtin;
  } catch {
    // fall through to the import
  }
  const specifier: string = id;
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch {
    return undefined;
  }
}
