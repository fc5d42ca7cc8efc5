/**
 * `dl.data.csv(file, {label, features})`: numeric columns become `x: float32 [N, F]`; the label
 * column, if named, becomes `y: int32 [N]` (whole numbers ≥ 0 as they are, other values as indices
 * of their sorted set; non-integer numbers there are warned about on stderr, since they are most
 * likely regression targets), or with `labelType: "float"` `y: float32 [N, 1]`. `features`, when given, is the count the program declared; the file must
 * agree. Quoted cells, CRLF line ends and a UTF-8 byte order mark are accepted; an empty file, a
 * row of another width, an empty or non-numeric cell stop with a `DataError` naming file and line.
 */
import * as path from "node:path";
import { parseCsv } from "./csv-parse.js";
import { Dataset } from "./dataset.js";
import { DataError, readDataFile } from "./errors.js";
import type { Field } from "./field.js";

/** Options of `csv`. */
export interface CsvOptions {
  /** Label column: header name or 0-based index. */
  label?: string | number;
  /** Whether the first row is a header; by default, when it is not all numbers. */
  header?: boolean;
  delimiter?: string;
  /** Feature columns the program declares: the file must have exactly these. */
  features?: number;
  /** `class` (default): class labels, int32 [N]; `float`: regression targets, float32 [N, 1]. */
  labelType?: "class" | "float";
  /** Where warnings go (tests collect them); default: stderr. */
  warn?: (message: string) => void;
}

/** A decimal number as CSV files write them (no hex, no Infinity, no NaN). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TABLE = "a CSV table (a header row, then rows of numbers)";

/** Loads a CSV file of numbers (plus an optional label column). */
export function csv(file: string, o: CsvOptions = {}): Dataset {
  const text = readDataFile(file, TABLE).toString("utf8");
  const parsed = parseCsv(text, o.delimiter ?? ",");
  if ("error" in parsed) throw new DataError(`${file}:${parsed.line}`, parsed.error, "the end of the file");
  const rows = parsed.records;
  if (rows.length === 0) throw new DataError(file, TABLE, text.length === 0 ? "an empty file" : "only blank lines");
  // A label named by its header means there is a header; otherwise one is recognised by its
  // non-numbers (outside a label column given by index, whose values may be words).
  const header = o.header ?? (typeof o.label === "string" || rows[0]!.cells.some((c, j) => j !== o.label && !NUMBER.test(c)));
  const headerRow = header ? rows.shift()! : undefined;
  const names = headerRow?.cells ?? rows[0]!.cells.map((_, i) => String(i));
  if (rows.length === 0) throw new DataError(file, "rows of data after the header", `only the header (line ${headerRow!.line})`);
  const width = names.length;
  const labelCol = o.label === undefined ? -1 : typeof o.label === "number" ? o.label : names.indexOf(o.label);
  if (o.label !== undefined && (labelCol < 0 || labelCol >= width)) {
    throw new DataError(file, `a label column "${o.label}" among [${names.join(", ")}]`, "none");
  }
  const features = width - (labelCol >= 0 ? 1 : 0);
  if (o.features !== undefined && features !== o.features) {
    const label = labelCol >= 0 ? ` plus the label column "${names[labelCol]}"` : "";
    throw new DataError(
      file,
      `${o.features} feature columns as the program declares (x: [${o.features}])${label}`,
      `${features} (columns ${names.join(", ")})`,
    );
  }
  const x = new Float32Array(rows.length * features);
  const rawLabels: string[] = [];
  const column = (j: number): string => (header ? `column "${names[j]}" (column ${j + 1})` : `column ${j + 1}`);
  rows.forEach((r, i) => {
    const at = `${file}:${r.line}`;
    if (r.cells.length !== width) {
      const like = header ? `like the header: ${names.join(", ")}` : `like line ${rows[0]!.line}`;
      throw new DataError(at, `${width} columns (${like})`, `${r.cells.length}`);
    }
    let k = 0;
    r.cells.forEach((c, j) => {
      if (j === labelCol) {
        if (c === "") throw new DataError(at, o.labelType === "float" ? `a number in ${column(j)}` : `a class label in ${column(j)}`, "an empty cell");
        if (o.labelType === "float" && !NUMBER.test(c)) throw new DataError(at, `a number in ${column(j)} (a regression target)`, JSON.stringify(c));
        return void rawLabels.push(c);
      }
      if (!NUMBER.test(c)) throw new DataError(at, `a number in ${column(j)}`, c === "" ? "an empty cell" : JSON.stringify(c));
      x[i * features + k++] = Number(c);
    });
  });
  const fields: Field[] = [{ name: "x", storage: x, storedShape: [features], dtype: "float32", hostScale: 1, transforms: [] }];
  if (labelCol >= 0 && o.labelType === "float") {
    fields.push({ name: "y", storage: Float32Array.from(rawLabels, Number), storedShape: [1], dtype: "float32", hostScale: 1, transforms: [] });
  } else if (labelCol >= 0) {
    warnFractions(file, names[labelCol]!, rawLabels, o.warn ?? ((m) => process.stderr.write(`${m}\n`)));
    fields.push({ name: "y", storage: labelIndices(rawLabels), storedShape: [], dtype: "int32", hostScale: 1, transforms: [] });
  }
  return new Dataset(fields, 0, rows.length, path.basename(file));
}

/**
 * Class labels that are numbers but not all integers (2.5, 0.31) are most likely regression
 * targets read as classes (one class per distinct value): say so, with the fix.
 */
function warnFractions(file: string, name: string, raw: string[], warn: (message: string) => void): void {
  const fractions = raw.filter((c) => NUMBER.test(c) && !Number.isInteger(Number(c)));
  if (fractions.length === 0 || !raw.every((c) => NUMBER.test(c))) return;
  const distinct = new Set(raw).size;
  warn(
    `warning: ${file}: the label column "${name}" holds non-integer numbers (${fractions.slice(0, 3).join(", ")}${fractions.length > 3 ? ", ..." : ""}); ` +
      `they are read as ${distinct} classes, one per distinct value. For regression targets write csv(..., label_type="float").`,
  );
}

function labelIndices(raw: string[]): Int32Array {
  if (raw.every((c) => /^\d+$/.test(c))) return Int32Array.from(raw, Number);
  // Other integers (-1 and 1) by their numeric order, words by their sorted order.
  const numeric = raw.every((c) => /^[+-]?\d+$/.test(c));
  const classes = [...new Set(raw)].sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  return Int32Array.from(raw, (c) => classes.indexOf(c));
}
