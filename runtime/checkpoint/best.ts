/**
 * The best checkpoint (`checkpoint best max accuracy`): `<outDir>/checkpoints/best/` holds each
 * model's weights (`models/<name>/model.json` + `weights.bin`, the layout of every checkpoint)
 * and `<outDir>/best.json` says which epoch it is and the value that made it best. The folder is
 * written durably with a manifest like every checkpoint, under a temporary name, then renamed, so
 * a crash leaves the previous best intact.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Module } from "../module.js";
import { replaceDurable, syncFolder } from "./durable.js";
import { ManifestWriter } from "./manifest.js";
import { writeWeights } from "./weights-file.js";

/** What `<outDir>/best.json` records. */
export interface BestRecord {
  metric: string;
  mode: "min" | "max";
  value: number;
  epoch: number;
  step: number;
  /** The checkpoint folder, relative to the run folder. */
  checkpoint: string;
}

/** The best checkpoint's folder under a run folder. */
export const bestDir = (outDir: string): string => path.join(outDir, "checkpoints", "best");

/** Replaces `<outDir>/checkpoints/best/` with the models' weights and rewrites `best.json`. */
export async function saveBest(outDir: string, models: Record<string, Module>, record: Omit<BestRecord, "checkpoint">): Promise<BestRecord> {
  const final = bestDir(outDir);
  const tmp = `${final}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const out = new ManifestWriter(tmp);
  for (const [key, m] of Object.entries(models)) {
    await writeWeights(path.join(tmp, "models", key), m.namedVariables(), { model: m.path, parameterCount: m.parameterCount() }, out.write);
  }
  const full: BestRecord = { ...record, checkpoint: path.relative(outDir, final).split(path.sep).join("/") };
  out.write(path.join(tmp, "best.json"), JSON.stringify(full, null, 1) + "\n");
  out.finish(record.step);
  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(tmp, final);
  syncFolder(path.dirname(final));
  replaceDurable(path.join(outDir, "best.json"), JSON.stringify(full, null, 1) + "\n");
  return full;
}

/** Reads `<outDir>/best.json`; null when the run kept no best checkpoint. */
export function readBest(outDir: string): BestRecord | null {
  const file = path.join(outDir, "best.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as BestRecord) : null;
}
