import {
  Bool,
  type DataType,
  DateDay,
  Field,
  Float64,
  Int32,
  Schema,
  TimestampMillisecond,
  Utf8,
} from 'apache-arrow';

/** The logical type of a table column. */
/** `date` is a calendar day (YYYY-MM-DD; Parquet DATE), `timestamp` an instant (UTC, milliseconds). */
export type ColumnType = 'string' | 'int' | 'float' | 'bool' | 'date' | 'timestamp';

/** A table's columns in order, with their types (all nullable). */
export type TableSchema<Row> = ReadonlyArray<readonly [keyof Row & string, ColumnType]>;

const ARROW: Record<ColumnType, () => DataType> = {
  string: () => new Utf8(),
  int: () => new Int32(),
  float: () => new Float64(),
  bool: () => new Bool(),
  date: () => new DateDay(),
  timestamp: () => new TimestampMillisecond('UTC'),
};

/** The Arrow schema of a table (for Parquet). */
export function arrowSchema<Row>(schema: TableSchema<Row>): Schema {
  return new Schema(schema.map(([name, type]) => new Field(name, ARROW[type](), true)));
}

/** The Arrow type of a column type. */
export function arrowType(type: ColumnType): DataType {
  return ARROW[type]();
}
