/**
 * `dl.data.csv(file, {label, features})`: numeric columns become `x: float32 [N, F]`; the label
 * column, if named, becomes `y: int32 [N]` (numbers as they are, other values as indices of their
 * sorted set). `features`, when given, is the count the program declared; the file must agree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "./dataset.js";
import { DataError } from "./errors.js";
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
}

/** Loads a CSV file of numbers (plus an optional label column). */
export function csv(file: string, o: CsvOptions = {}): Dataset {
  if (!fs.existsSync(file)) throw new DataError(file, "a CSV file", "no such file");
  const rows = fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((line, i) => ({ cells: line.split(o.delimiter ?? ",").map((c) => c.trim()), line: i + 1 }))
    .filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length === 0) throw new DataError(file, "at least one row", "an empty file");
  const header = o.header ?? rows[0]!.cells.some((c) => Number.isNaN(Number(c)));
  const names = header ? rows.shift()!.cells : rows[0]!.cells.map((_, i) => String(i));
  const width = names.length;
  const labelCol = o.label === undefined ? -1 : typeof o.label === "number" ? o.label : names.indexOf(o.label);
  if (o.label !== undefined && (labelCol < 0 || labelCol >= width)) {
    throw new DataError(file, `a label column "${o.label}" among [${names.join(", ")}]`, "none");
  }
  const features = width - (labelCol >= 0 ? 1 : 0);
  if (o.features !== undefined && features !== o.features) {
    const label = labelCol >= 0 ? ` plus the label column "${names[labelCol]}"` : "";
    throw new DataError(file, `${o.features} feature columns as the program declares (x: [${o.features}])${label}`, `${features} (columns ${names.join(", ")})`);
  }
  const x = new Float32Array(rows.length * features);
  const rawLabels: string[] = [];
  rows.forEach((r, i) => {
    if (r.cells.length !== width) throw new DataError(`${file}:${r.line}`, `${width} columns`, `${r.cells.length}`);
    let k = 0;
    r.cells.forEach((c, j) => {
      if (j === labelCol) return void rawLabels.push(c);
      const v = Number(c);
      if (c === "" || Number.isNaN(v)) throw new DataError(`${file}:${r.line}`, `a number in column "${names[j]}"`, `"${c}"`);
      x[i * features + k++] = v;
    });
  });
  const fields: Field[] = [{ name: "x", storage: x, storedShape: [features], dtype: "float32", hostScale: 1, transforms: [] }];
  if (labelCol >= 0) fields.push({ name: "y", storage: labelIndices(rawLabels), storedShape: [], dtype: "int32", hostScale: 1, transforms: [] });
  return new Dataset(fields, 0, rows.length, path.basename(file));
}

function labelIndices(raw: string[]): Int32Array {
  if (raw.every((c) => Number.isInteger(Number(c)) && c !== "")) return Int32Array.from(raw, Number);
  const classes = [...new Set(raw)].sort();
  return Int32Array.from(raw, (c) => classes.indexOf(c));
}
