/** The run history: one JSON object per epoch in `<outDir>/history.jsonl`. */
import * as path from "node:path";
import { writeFileAtomic } from "../data/cache.js";

/** One epoch's row: position, wall time, mean training losses and evaluation metrics. */
export interface HistoryRow {
  epoch: number;
  step: number;
  seconds: number;
  [metric: string]: number;
}

/** Where the confusion matrix `name` (its history name, `test_cm`) of `epoch` lies in the run folder. */
export function matrixFile(name: string, epoch: number): string {
  return `${name}/epoch-${epoch}.csv`;
}

/**
 * Rewrites the whole history file (small: one line per epoch) so it is never half-written. Each
 * line also names the epoch's confusion matrices (`matrices`: their history names) by their file
 * in the run folder, `"test_cm": "test_cm/epoch-3.csv"`; the rows in memory hold numbers only.
 */
export function writeHistory(outDir: string, rows: readonly HistoryRow[], matrices: readonly string[] = []): string {
  const file = path.join(outDir, "history.jsonl");
  const line = (r: HistoryRow) => JSON.stringify(matrices.length ? { ...r, ...Object.fromEntries(matrices.map((m) => [m, matrixFile(m, r.epoch)])) } : r);
  writeFileAtomic(file, rows.map(line).join("\n") + (rows.length ? "\n" : ""));
  return file;
}

/** Writes one confusion matrix CSV into the run folder and returns its path. */
export function writeMatrix(outDir: string, name: string, epoch: number, csv: string): string {
  const file = path.join(outDir, matrixFile(name, epoch));
  writeFileAtomic(file, csv);
  return file;
}
