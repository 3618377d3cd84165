/** `out/meta.parquet` → `out/meta.part-2-of-3.parquet`: where a shard writes its part of a table (see mergeParts). */
export function partPath(path: string, shard: { index: number; count: number }): string {
  const match = /^(.*?)(\.[^./\\]+)?$/.exec(path)!;
  return `${match[1]}.part-${shard.index}-of-${shard.count}${match[2] ?? ''}`;
}
