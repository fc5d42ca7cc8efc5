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

/** Rewrites the whole history file (small: one line per epoch) so it is never half-written. */
export function writeHistory(outDir: string, rows: readonly HistoryRow[]): string {
  const file = path.join(outDir, "history.jsonl");
  writeFileAtomic(file, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
  return file;
}
