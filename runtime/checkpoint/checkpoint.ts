/**
 * Training checkpoints. Each is a folder `<outDir>/checkpoints/step-<n>/` holding, per model, a
 * tfjs-loadable `model.json` + `weights.bin`, per optimizer the same for its slots, and
 * `state.json` (step, epoch, batch, rng streams, optimizer counters, history). A folder is written
 * under a temporary name and renamed, then `latest.json` is replaced by rename: a crash at any
 * point leaves the previous checkpoint intact and pointed to.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import type { Optimizer } from "../optim/optimizer.js";
import type { RngState } from "../rng.js";
import type { HistoryRow } from "../report/history.js";
import { writeFileAtomic } from "../data/cache.js";
import { readWeights, writeWeights } from "./weights-file.js";

/** Where training stood when a checkpoint was taken. */
export interface TrainingPosition {
  /** Global optimizer-loop steps done (the `maxSteps` counter). */
  step: number;
  /** Epoch in progress (from 0). */
  epoch: number;
  /** Batches of that epoch already consumed. */
  batch: number;
  rng: RngState;
  /** History rows so far, so a resumed run's history file and plot are complete. */
  history: HistoryRow[];
  /** Running loss sums of the epoch in progress, so its mean covers steps before the stop. */
  accumulators: Record<string, AccumulatorState>;
}

/** A running loss sum as saved (float32 values survive the round trip through a double). */
export interface AccumulatorState {
  sum: number;
  count: number;
  loc: { line: number; column: number };
}

/** Everything a checkpoint covers. */
export interface CheckpointSubject {
  models: Record<string, Module>;
  optimizers: Record<string, Optimizer>;
}

const root = (outDir: string): string => path.join(outDir, "checkpoints");

/** Writes a checkpoint atomically and removes older ones; returns its folder. */
export async function saveCheckpoint(outDir: string, subject: CheckpointSubject, at: TrainingPosition): Promise<string> {
  const name = `step-${String(at.step).padStart(8, "0")}`;
  const final = path.join(root(outDir), name);
  const tmp = `${final}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const [key, m] of Object.entries(subject.models)) {
    await writeWeights(path.join(tmp, "models", key), m.namedVariables(), { model: m.path, parameterCount: m.parameterCount() });
  }
  const optimizers: Record<string, { step: number }> = {};
  for (const [key, o] of Object.entries(subject.optimizers)) {
    const { step, slots } = o.state();
    await writeWeights(path.join(tmp, "optimizers", key), slots, { optimizer: key, step });
    optimizers[key] = { step };
  }
  fs.writeFileSync(path.join(tmp, "state.json"), JSON.stringify({ ...at, optimizers }));
  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(tmp, final);
  writeFileAtomic(path.join(root(outDir), "latest.json"), JSON.stringify({ checkpoint: name }));
  for (const old of fs.readdirSync(root(outDir))) {
    if (old.startsWith("step-") && old !== name) fs.rmSync(path.join(root(outDir), old), { recursive: true, force: true });
  }
  return final;
}

/** Restores the latest checkpoint into the models and optimizers; null when there is none. */
export function loadCheckpoint(outDir: string, subject: CheckpointSubject): TrainingPosition | null {
  const latest = path.join(root(outDir), "latest.json");
  if (!fs.existsSync(latest)) return null;
  const dir = path.join(root(outDir), (JSON.parse(fs.readFileSync(latest, "utf8")) as { checkpoint: string }).checkpoint);
  const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as TrainingPosition & { optimizers: Record<string, { step: number }> };
  for (const [key, m] of Object.entries(subject.models)) {
    const { tensors } = readWeights(path.join(dir, "models", key));
    for (const [name, v] of m.namedVariables()) {
      const t = tensors.get(name);
      if (!t || !arraysEqual(t.shape, v.shape)) {
        throw new Error(`checkpoint ${dir}: variable ${name} [${v.shape.join(", ")}] is ${t ? `[${t.shape.join(", ")}]` : "missing"}`);
      }
      v.assign(t);
    }
    tf.dispose([...tensors.values()]);
  }
  for (const [key, o] of Object.entries(subject.optimizers)) {
    const { tensors } = readWeights(path.join(dir, "optimizers", key));
    o.loadState({ step: state.optimizers[key]?.step ?? 0, slots: tensors });
    tf.dispose([...tensors.values()]);
  }
  const { optimizers: _, ...position } = state;
  return position;
}

function arraysEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
