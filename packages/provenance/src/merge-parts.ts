import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SpectraError, writeFileAtomic } from '@spectra/core';
import { tableFromIPC, tableToIPC } from 'apache-arrow';

import { formatFromPath } from './table-writer.js';

/** What a merge found and wrote. */
export interface MergeResult {
  path: string;
  parts: string[];
  rows: number;
}

/**
 * Joins the parts a sharded run wrote (`NAME.part-I-of-N.EXT`, from `--shard I/N`) into `NAME.EXT`, in part order:
 * the same rows, in the same order, as one unsharded run. Every part 1..N must be there; CSV parts must share
 * their header. `removeParts` deletes them after the merged file is in place.
 */
export async function mergeParts(
  path: string,
  options: { removeParts?: boolean } = {},
): Promise<MergeResult> {
  const dir = dirname(path);
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.part-(\\d+)-of-(\\d+)${escapeRegExp(ext)}$`);
  const found = (await readdir(dir).catch(() => [] as string[]))
    .map((f) => ({ f, m: pattern.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => ({ file: join(dir, f), index: Number(m[1]), count: Number(m[2]) }));
  if (found.length === 0)
    throw new SpectraError('SPECTRA_MERGE', `no parts of ${path} (${stem}.part-I-of-N${ext}) to merge`);
  const count = found[0].count;
  if (found.some((p) => p.count !== count))
    throw new SpectraError('SPECTRA_MERGE', `parts of ${path} come from runs with different shard counts`);
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) {
    const part = found.find((p) => p.index === i);
    if (!part) throw new SpectraError('SPECTRA_MERGE', `part ${i} of ${count} of ${path} is missing`);
    parts.push(part.file);
  }
  let rows = 0;
  if (formatFromPath(path) === 'csv') {
    let header: string | undefined;
    const chunks: string[] = [];
    for (const part of parts) {
      const text = await readFile(part, 'utf8');
      const newline = text.indexOf('\n');
      const head = newline < 0 ? text : text.slice(0, newline);
      if (header === undefined) {
        header = head;
        chunks.push(`${head}\n`);
      } else if (head !== header) {
        throw new SpectraError('SPECTRA_MERGE', `${part} has other columns than ${parts[0]}`);
      }
      const body = newline < 0 ? '' : text.slice(newline + 1);
      rows += body.split('\n').filter((l) => l.length > 0).length;
      chunks.push(body);
    }
    await writeFileAtomic(path, chunks.join(''));
  } else {
    const parquet = await import('parquet-wasm');
    const tables = [];
    for (const part of parts) {
      const ipc = parquet.readParquet(new Uint8Array(await readFile(part))).intoIPCStream();
      tables.push(tableFromIPC(ipc));
    }
    const merged = tables.slice(1).reduce((a, b) => a.concat(b), tables[0]);
    rows = merged.numRows;
    const bytes = parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(merged, 'stream')));
    await writeFileAtomic(path, bytes);
  }
  if (options.removeParts) for (const part of parts) await rm(part);
  return { path, parts, rows };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
