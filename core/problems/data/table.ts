/** A numeric table parsed from a user file: one sample per row. */
export interface Table {
  /** File name used in messages. */
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  /** rows × columns, row-major. */
  readonly values: Float64Array;
  /** Column names from a CSV header row, or null. */
  readonly header: readonly string[] | null;
}
