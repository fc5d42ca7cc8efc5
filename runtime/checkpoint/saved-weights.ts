/**
 * Finding saved weights in a run folder without loading them: which checkpoint folder a run
 * means (its best, its latest, or a checkpoint folder named directly), which models it holds, and
 * the names and shapes in a model's `model.json`. Only `node:fs` and JSON: the checker reads
 * checkpoints through this file at check time, the engine and `dl.loadWeights` at run time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { NamedShape } from "./weight-match.js";

/** Which checkpoint of a run: "best", "latest", or (default) best if kept, else latest. */
export type CheckpointChoice = "best" | "latest" | "auto";

/** Why saved weights cannot be read: the file concerned, what was expected there, what was found. */
export interface SavedProblem {
  file: string;
  expected: string;
  found: string;
}

/** The weights saved for one model of a checkpoint. */
export interface SavedModel {
  /** The model's folder (`.../models/net`). */
  dir: string;
  /** Its `model.json`. */
  file: string;
  /** The key it was saved under (the train block's instance name). */
  key: string;
  /** The saved module's path, which every saved name starts with (`net`). */
  root: string;
  /** Names relative to the model (`dense_0.kernel`) and shapes. */
  weights: NamedShape[];
}

/** The checkpoint folder of `runDir` that `choice` means, or why there is none. */
export function locateCheckpoint(runDir: string, choice: CheckpointChoice = "auto"): { folder: string } | SavedProblem {
  if (!fs.existsSync(runDir)) return { file: runDir, expected: "a run folder written by dl run", found: "no such folder" };
  // A checkpoint folder itself (it holds models/).
  if (fs.existsSync(path.join(runDir, "models"))) return { folder: runDir };
  const best = path.join(runDir, "checkpoints", "best");
  if (choice !== "latest" && fs.existsSync(best)) return { folder: best };
  if (choice === "best") return { file: best, expected: "a best checkpoint (the train block needs 'checkpoint best min|max <metric>')", found: "none" };
  const latest = path.join(runDir, "checkpoints", "latest.json");
  if (!fs.existsSync(latest)) return { file: latest, expected: "a checkpoint (the train block needs 'checkpoint every 1 epoch')", found: "no such file" };
  try {
    const { checkpoint } = JSON.parse(fs.readFileSync(latest, "utf8")) as { checkpoint?: unknown };
    if (typeof checkpoint === "string" && /^[\w.-]+$/.test(checkpoint)) return { folder: path.join(runDir, "checkpoints", checkpoint) };
  } catch {
    // Reported below like any other unreadable pointer.
  }
  return { file: latest, expected: `{"checkpoint": "step-<n>"}`, found: "something else" };
}

/** The model keys a checkpoint folder holds. */
export function savedModelKeys(folder: string): string[] {
  const dir = path.join(folder, "models");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((k) => fs.existsSync(path.join(dir, k, "model.json"))).sort() : [];
}

/**
 * The names and shapes saved for model `key` in `folder`; with `fallbackToOnly`, a checkpoint of
 * one model gives that one whatever its key.
 */
export function readSavedModel(folder: string, key: string, fallbackToOnly = false): SavedModel | SavedProblem {
  const keys = savedModelKeys(folder);
  const chosen = keys.includes(key) ? key : fallbackToOnly && keys.length === 1 ? keys[0]! : undefined;
  const dir = path.join(folder, "models", chosen ?? key);
  const file = path.join(dir, "model.json");
  if (chosen === undefined) return { file, expected: `the weights of model '${key}'`, found: keys.length ? `only models ${keys.join(", ")}` : "no such file" };
  let json: { weightsManifest?: { weights?: { name?: unknown; shape?: unknown }[] }[]; userDefinedMetadata?: { model?: unknown } };
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8")) as typeof json;
  } catch (err) {
    return { file, expected: "a weights manifest (tfjs model.json)", found: err instanceof SyntaxError ? "a file that is not JSON" : "a file that cannot be read" };
  }
  const specs = (json.weightsManifest ?? []).flatMap((g) => g.weights ?? []);
  const root = typeof json.userDefinedMetadata?.model === "string" ? json.userDefinedMetadata.model : chosen;
  const weights: NamedShape[] = [];
  for (const s of specs) {
    if (typeof s.name !== "string" || !Array.isArray(s.shape) || !s.shape.every((d) => Number.isInteger(d))) {
      return { file, expected: "a weights manifest whose entries have a name and a shape", found: JSON.stringify(s).slice(0, 80) };
    }
    weights.push({ name: s.name.startsWith(`${root}.`) ? s.name.slice(root.length + 1) : s.name, shape: s.shape as number[] });
  }
  return { dir, file, key: chosen, root, weights };
}

/** Whether a result is a problem rather than what was asked for. */
export function isProblem<T extends object>(r: T | SavedProblem): r is SavedProblem {
  return "expected" in r && "found" in r;
}
