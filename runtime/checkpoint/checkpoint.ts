/**
 * Training checkpoints. Each is a folder `<outDir>/checkpoints/step-<n>/` holding, per model, a
 * tfjs-loadable `model.json` + `weights.bin`, per optimizer the same for its slots, `state.json`
 * (step, epoch, batch, rng streams, optimizer counters, history) and, written last,
 * `manifest.json` (size and sha256 of every file). A checkpoint is written durably (fsync) under
 * a temporary name and renamed into place, then `latest.json` is replaced by rename; the two
 * newest checkpoints are kept. Loading takes the newest checkpoint whose files match their
 * manifest: a crash at any point, a truncated or corrupted file, or a full disk leaves an earlier
 * checkpoint to resume from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import type { Optimizer } from "../optim/optimizer.js";
import type { RngState } from "../rng.js";
import type { HistoryRow } from "../report/history.js";
import { faultPoint } from "../fault-point.js";
import { replaceDurable, syncFolder } from "./durable.js";
import { RunFolderError, describeSystemError, resumeAdvice, systemCode } from "./errors.js";
import { ManifestWriter, verifyCheckpoint } from "./manifest.js";
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

/** How many complete checkpoints are kept (the newest, and one to fall back on). */
export const KEEP_CHECKPOINTS = 2;

const root = (outDir: string): string => path.join(outDir, "checkpoints");
const isCheckpoint = (name: string): boolean => /^step-\d+$/.test(name);
/** Checkpoint folder names, newest first. */
const checkpointsIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter(isCheckpoint).sort().reverse() : []);

/**
 * Writes a checkpoint atomically and durably and removes all but the newest `KEEP_CHECKPOINTS`;
 * returns its folder. A failed write (a full disk) removes what it wrote and throws a
 * `RunFolderError` saying the previous checkpoint is intact.
 */
export async function saveCheckpoint(outDir: string, subject: CheckpointSubject, at: TrainingPosition): Promise<string> {
  const dir = root(outDir);
  const name = `step-${String(at.step).padStart(8, "0")}`;
  const final = path.join(dir, name);
  const tmp = `${final}.tmp-${process.pid}`;
  const previous = checkpointsIn(dir).find((n) => n !== name);
  const out = new ManifestWriter(tmp);
  try {
    fs.mkdirSync(dir, { recursive: true });
    // Leftovers of a crashed writer (the run lock makes every temporary folder here stale).
    for (const f of fs.readdirSync(dir)) if (f.includes(".tmp-")) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
    for (const [key, m] of Object.entries(subject.models)) {
      await writeWeights(path.join(tmp, "models", key), m.namedVariables(), { model: m.path, parameterCount: m.parameterCount() }, out.write);
    }
    const optimizers: Record<string, { step: number }> = {};
    for (const [key, o] of Object.entries(subject.optimizers)) {
      const { step, slots } = o.state();
      await writeWeights(path.join(tmp, "optimizers", key), slots, { optimizer: key, step }, out.write);
      optimizers[key] = { step };
    }
    out.write(path.join(tmp, "state.json"), JSON.stringify({ ...at, optimizers }));
    out.finish(at.step);
    faultPoint("checkpoint-manifest");
    // A checkpoint of the same step (written again after a resume) is moved aside, not deleted
    // first, so a crash between the two renames still leaves a complete folder behind.
    const aside = `${final}.tmp-old-${process.pid}`;
    if (fs.existsSync(final)) fs.renameSync(final, aside);
    fs.renameSync(tmp, final);
    syncFolder(dir);
    fs.rmSync(aside, { recursive: true, force: true });
    faultPoint("checkpoint-rename");
    replaceDurable(path.join(dir, "latest.json"), JSON.stringify({ checkpoint: name }));
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const code = systemCode(err);
    if (!code) throw err;
    const kept = previous ? `the previous checkpoint (${previous}) is intact` : "no earlier checkpoint exists";
    throw new RunFolderError(
      dir,
      `${describeSystemError(err)} while writing the checkpoint of step ${at.step} (${out.current || name}); ${kept}; ${resumeAdvice(code)}`,
      code,
    );
  }
  for (const old of checkpointsIn(dir).slice(KEEP_CHECKPOINTS)) fs.rmSync(path.join(dir, old), { recursive: true, force: true });
  return final;
}

/**
 * Restores the newest intact checkpoint into the models and optimizers; null when there is none.
 * Newer checkpoints that fail their manifest check are moved aside (`step-<n>.damaged`) with a
 * warning through `warn`; when every checkpoint is damaged, a `RunFolderError` lists them.
 */
export function loadCheckpoint(
  outDir: string,
  subject: CheckpointSubject,
  warn: (message: string) => void = (m) => process.stderr.write(`warning: ${m}\n`),
): TrainingPosition | null {
  const dir = root(outDir);
  const damaged: { name: string; problem: string }[] = [];
  for (const name of checkpointsIn(dir)) {
    const problem = verifyCheckpoint(path.join(dir, name));
    if (problem) {
      damaged.push({ name, problem });
      continue;
    }
    for (const d of damaged) {
      const aside = moveAside(dir, d.name);
      warn(`${path.join(dir, d.name)} is damaged: ${d.problem}; moved it to ${aside} and resumed from the previous checkpoint, ${name}`);
    }
    try {
      return restore(path.join(dir, name), subject);
    } catch (err) {
      if (err instanceof RunFolderError || !systemCode(err)) throw err;
      throw new RunFolderError(
        path.join(dir, name),
        `cannot be restored: ${describeSystemError(err)}; resume with the program that wrote it, or run without --resume to start afresh`,
        systemCode(err),
      );
    }
  }
  if (damaged.length > 0) {
    const list = damaged.map((d) => `${d.name}: ${d.problem}`).join("; ");
    throw new RunFolderError(dir, `no intact checkpoint to resume from (${list}); run without --resume to start afresh`);
  }
  return null;
}

function moveAside(dir: string, name: string): string {
  let aside = `${name}.damaged`;
  for (let i = 2; fs.existsSync(path.join(dir, aside)); i++) aside = `${name}.damaged-${i}`;
  fs.renameSync(path.join(dir, name), path.join(dir, aside));
  return aside;
}

function restore(dir: string, subject: CheckpointSubject): TrainingPosition {
  const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as TrainingPosition & { optimizers: Record<string, { step: number }> };
  for (const [key, m] of Object.entries(subject.models)) {
    const { tensors } = readWeights(path.join(dir, "models", key));
    for (const [name, v] of m.namedVariables()) {
      const t = tensors.get(name);
      if (!t || !arraysEqual(t.shape, v.shape)) {
        tf.dispose([...tensors.values()]);
        throw new RunFolderError(
          dir,
          `variable ${name} [${v.shape.join(", ")}] is ${t ? `[${t.shape.join(", ")}]` : "missing"} in this checkpoint; it was written by another model: resume with the program that wrote it, or run without --resume to start afresh`,
        );
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
