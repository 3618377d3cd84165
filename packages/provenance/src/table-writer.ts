import { csvText, temporaryPath } from '@spectra/core';
import { Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import { stringify } from 'csv-stringify/sync';
import { arrowType, type ColumnType, type TableSchema } from './table-schema.js';

/** File formats for tables. */
export type TableFormat = 'csv' | 'parquet';

/** The format a path asks for by its extension (`.parquet`/`.pq` → parquet, otherwise csv). */
export function formatFromPath(path: string): TableFormat {
  return /\.(parquet|pq)$/i.test(path) ? 'parquet' : 'csv';
}

/** Rows a TableWriter buffers before writing them as one batch. */
export const TABLE_BATCH_ROWS = 500;

/**
 * Rows of one Parquet row group. parquet-wasm (the Rust parquet writer) holds a row group in memory until it is
 * full — by default 1,048,576 rows, so a survey's whole table — and writes nothing before; this bound keeps a
 * writer's memory flat at any table size, with row groups large enough to compress well. (2,000-row groups, tried
 * so the groups would be encoded during the read at every survey size, did not lower the peak: docs/benchmarks.md.)
 */
export const PARQUET_ROW_GROUP_ROWS = 10_000;

/** Record batches (of TABLE_BATCH_ROWS rows) a Parquet writer queues for its encoder before add() waits. */
const QUEUED_BATCHES = 4;

/**
 * A table sink: rows go in with add() (or write() for a batch) and are written in batches of TABLE_BATCH_ROWS to
 * a temporary file beside the target that replaces it only on close(): a killed run leaves the previous file
 * intact. CSV is appended batch by batch; Parquet is streamed through parquet-wasm, a row group every
 * PARQUET_ROW_GROUP_ROWS rows. Node only.
 */
export class TableWriter<Row extends object> {
  readonly path: string;
  readonly format: TableFormat;
  readonly #schema: TableSchema<Row>;
  readonly #temporary: string;
  readonly #pending: Row[] = [];
  #handle?: import('node:fs/promises').FileHandle;
  #parquet?: { push: (batch: Uint8Array | null) => Promise<void>; done: Promise<void> };
  #rows = 0;

  constructor(path: string, schema: TableSchema<Row>, format: TableFormat = formatFromPath(path)) {
    this.path = path;
    this.format = format;
    this.#schema = schema;
    this.#temporary = temporaryPath(path);
  }

  /** Rows written so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Adds one row; a full batch is written at once. */
  async add(row: Row): Promise<void> {
    this.#pending.push(row);
    if (this.#pending.length >= TABLE_BATCH_ROWS) await this.write(this.#pending.splice(0));
  }

  /** Appends rows, TABLE_BATCH_ROWS at a time: a whole table given at once is never converted in one piece. */
  async write(rows: readonly Row[]): Promise<void> {
    await this.#open();
    for (let start = 0; start < rows.length; start += TABLE_BATCH_ROWS)
      await this.#writeBatch(rows.slice(start, start + TABLE_BATCH_ROWS));
  }

  async #writeBatch(rows: readonly Row[]): Promise<void> {
    if (this.format === 'csv') {
      const text = stringify(
        rows.map((row) => this.#schema.map(([c, type]) => csvValue(row[c as keyof Row], type))),
      );
      await this.#handle!.write(this.#rows === 0 ? this.#headerLine() + text : text);
    } else {
      await this.#parquet!.push(toIpc(rows, this.#schema));
    }
    this.#rows += rows.length;
  }

  /** Writes what add() buffered, finishes the file and moves it into place atomically. */
  async close(): Promise<void> {
    if (this.#pending.length) await this.write(this.#pending.splice(0));
    await this.#open();
    const { rename } = await import('node:fs/promises');
    if (this.format === 'csv' && this.#rows === 0) await this.#handle!.write(this.#headerLine());
    if (this.#parquet) {
      if (this.#rows === 0) await this.#parquet.push(toIpc([], this.#schema));
      await this.#parquet.push(null);
      await this.#parquet.done;
    }
    await this.#handle!.sync();
    await this.#handle!.close();
    await rename(this.#temporary, this.path);
  }

  /** Gives up: removes the temporary file, leaving any previous file untouched. */
  async abort(): Promise<void> {
    const { rm } = await import('node:fs/promises');
    await this.#handle?.close().catch(() => {});
    await rm(this.#temporary, { force: true });
  }

  /** The CSV header: column names are text too (a class name can come from a catalogue). */
  #headerLine(): string {
    return stringify([this.#schema.map(([name]) => csvText(name))]);
  }

  async #open(): Promise<void> {
    if (this.#handle) return;
    const { mkdir, open } = await import('node:fs/promises');
    const { dirname } = await import('node:path');
    await mkdir(dirname(this.path), { recursive: true });
    this.#handle = await open(this.#temporary, 'w');
    if (this.format === 'parquet') this.#parquet = await parquetStream(this.#handle);
  }
}

/** Writes a whole table at once (see TableWriter). */
export async function writeTable<Row extends object>(
  path: string,
  rows: readonly Row[],
  schema: TableSchema<Row>,
  format?: TableFormat,
): Promise<void> {
  const writer = new TableWriter(path, schema, format);
  try {
    await writer.write(rows);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** A CSV cell: empty for null, text cells guarded against formula injection (csvText), numbers as they are. */
function csvValue(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (type === 'string' && typeof value === 'string') return csvText(value);
  return value;
}

function toIpc<Row extends object>(rows: readonly Row[], schema: TableSchema<Row>): Uint8Array {
  const vectors = schema.map(([name, type]) => {
    const values = rows.map((row) => {
      const v = row[name as keyof Row] as unknown;
      if (v === undefined || v === null) return null;
      if (type === 'timestamp') return new Date(v as string).getTime();
      // A calendar day: Arrow's DateDay takes a Date at that day's UTC midnight.
      if (type === 'date') return new Date(`${v as string}T00:00:00Z`);
      return v;
    });
    return [name, vectorFromArray(values, arrowType(type))] as const;
  });
  return tableToIPC(new Table(Object.fromEntries(vectors)), 'stream');
}

async function parquetStream(handle: import('node:fs/promises').FileHandle) {
  const parquet = await import('parquet-wasm');
  let controller!: ReadableStreamDefaultController<unknown>;
  let room: (() => void) | undefined;
  const input = new ReadableStream(
    {
      start(c) {
        controller = c;
      },
      // The encoder took a batch off a full queue: a waiting push may go on.
      pull() {
        room?.();
        room = undefined;
      },
    },
    { highWaterMark: QUEUED_BATCHES },
  );
  // transformParquetStream reads the first batch (for the schema) before it resolves: do not await it here.
  // ZSTD: every reader of note decodes it (DuckDB, pyarrow, Spark, pandas), and it makes the tables several
  // times smaller than uncompressed.
  const properties = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setMaxRowGroupSize(PARQUET_ROW_GROUP_ROWS)
    .build();
  const transformed = parquet.transformParquetStream(input, properties);
  let settled = false;
  const done = (async () => {
    const reader = (await transformed).getReader();
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      await handle.write(value as Uint8Array);
    }
  })().finally(() => {
    settled = true;
  });
  return {
    /** Queues a batch (null ends the stream); waits while QUEUED_BATCHES batches are waiting for the encoder. */
    async push(ipc: Uint8Array | null) {
      if (ipc === null) {
        controller.close();
        return;
      }
      const table = parquet.Table.fromIPCStream(ipc);
      for (let i = 0; i < table.numBatches; i++) controller.enqueue(table.recordBatch(i));
      // The batches share the table's buffers; the table's own handle is freed now rather than whenever the
      // garbage collector runs its finalizer (the wasm memory it held never shrinks back).
      table.free();
      // Backpressure: without it a producer that never yields (a whole table written at once) would queue every
      // batch in wasm memory before the encoder ran. A failed encoder ends the wait with its error.
      while ((controller.desiredSize ?? 1) <= 0 && !settled)
        await Promise.race([new Promise<void>((resolve) => (room = resolve)), done]);
    },
    done,
  };
}
