/**
 * Watching an evaluation metric across epochs (Keras' `ModelCheckpoint(save_best_only)` and
 * `EarlyStopping`): which epoch of the history is best, and how many epochs have passed since.
 * Everything is computed from the history rows, so a resumed run decides exactly as an
 * uninterrupted one would, with no extra state in the checkpoint.
 */
import type { HistoryRow } from "../report/history.js";

/** A metric of the history (`test_accuracy`) and whether smaller or larger is better. */
export interface Watch {
  metric: string;
  mode: "min" | "max";
}

/** Whether `value` improves on `best` (a missing or NaN value never does). */
export function improves(watch: Watch, value: number | undefined, best: number | undefined): boolean {
  if (value === undefined || Number.isNaN(value)) return false;
  if (best === undefined) return true;
  return watch.mode === "max" ? value > best : value < best;
}

/** The best full-epoch row so far (the earliest among equals) and the epochs after it. */
export function bestSoFar(watch: Watch, history: readonly HistoryRow[]): { row?: HistoryRow; since: number } {
  let row: HistoryRow | undefined;
  let since = 0;
  for (const r of history) {
    if (r.partial) continue;
    if (improves(watch, r[watch.metric], row?.[watch.metric])) {
      row = r;
      since = 0;
    } else since++;
  }
  return { row, since };
}
