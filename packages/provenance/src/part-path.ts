/** `out/meta.parquet` → `out/meta.part-2-of-3.parquet`: where a shard writes its part of a table (see mergeParts). */
export function partPath(path: string, shard: { index: number; count: number }): string {
  const match = /^(.*?)(\.[^./\\]+)?$/.exec(path)!;
  return `${match[1]}.part-${shard.index}-of-${shard.count}${match[2] ?? ''}`;
}

/** How a shard names its part of a table: `parts` (NAME.part-I-of-N.EXT, joined by mergeParts) or `hive`. */
export type ShardLayout = 'parts' | 'hive';

/**
 * `out/meta.parquet` → `out/meta/shard=0002/part-0.parquet`: a Hive-partitioned dataset directory that DuckDB
 * (`read_parquet('out/meta/**\/*.parquet', hive_partitioning = true)`), Spark and pyarrow read in place, each shard
 * a partition (numbered with at least four digits so that the directories sort in shard order).
 */
export function hivePath(path: string, shard: { index: number; count: number }): string {
  const match = /^(.*?)(\.[^./\\]+)?$/.exec(path)!;
  const width = Math.max(4, String(shard.count).length);
  return `${match[1]}/shard=${String(shard.index).padStart(width, '0')}/part-0${match[2] ?? ''}`;
}

/** Where a shard writes its part of a table, in the layout asked for. */
export function shardPath(
  path: string,
  shard: { index: number; count: number },
  layout: ShardLayout = 'parts',
): string {
  return layout === 'hive' ? hivePath(path, shard) : partPath(path, shard);
}
