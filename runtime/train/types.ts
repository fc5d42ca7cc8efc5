/** The shapes of a training program (what generated code returns) and of `dl.run`'s options. */
import type * as tf from "@tensorflow/tfjs-core";
import type { Batched } from "../data/batched.js";
import type { Module } from "../module.js";
import type { Optimizer } from "../optim/optimizer.js";
import type { Rng } from "../rng.js";
import type { HistoryRow } from "../report/history.js";
import type { StepContext } from "./step-context.js";
import type { Watch } from "./watch.js";
import type { BestRecord } from "../checkpoint/best.js";
import type { InitSpec } from "../checkpoint/init-weights.js";
import type { StepMemory } from "../backend/memory.js";
import type { WholeSetMetric } from "../metrics/index.js";

/** A position in the `.dl` source, for messages (1-based). */
export interface SourceLocation {
  line: number;
  column: number;
}

/** The training loop: over a batched data set, or a fixed number of steps per epoch (RL loops). */
export type TrainLoop =
  | { over: string; step: (batch: tf.Tensor[], s: StepContext) => void }
  | { steps: number; step: (batch: tf.Tensor[], s: StepContext) => void };

/**
 * Evaluation after each epoch: batch-mean metrics, averaged over the set weighted by batch size,
 * and the whole-set metrics named in `totals`, whose batch values are confusion counts `[C, C]`
 * summed over the set (macro precision, recall, F1 from them, or the matrix itself).
 */
export interface TrainEvaluate {
  over: string;
  metrics: (batch: tf.Tensor[]) => Record<string, tf.Tensor>;
  totals?: Record<string, WholeSetMetric>;
}

/** What `build` creates: every stateful object of a run. */
export interface TrainSetup {
  models: Record<string, Module>;
  optimizers: Record<string, Optimizer>;
  data: Record<string, Batched>;
  loop: TrainLoop;
  evaluate?: TrainEvaluate;
  /**
   * Images `[N, H, W, 1 or 3]` to show after each epoch (a generator's samples); the engine
   * passes a fresh stream "samples" under the program seed, so every epoch uses the same noise.
   */
  samples?: (rng: Rng) => tf.Tensor;
}

/** A compiled `train` block. */
export interface TrainProgram {
  name: string;
  /** The `.dl` file, named in NaN/Inf reports. */
  source: string;
  seed: number;
  epochs: number;
  checkpointEvery?: { epochs?: number; steps?: number };
  /** `checkpoint best max accuracy`: keep `checkpoints/best/` at the best value of a history metric. */
  checkpointBest?: Watch;
  /** `stop early min loss patience 3`: stop once the metric has not improved for `patience` epochs. */
  stopEarly?: Watch & { patience: number };
  /**
   * `init net from ...`: saved weights copied into models after `build`, by parameter name, when
   * a run starts afresh (a resumed run takes its own checkpoint instead).
   */
  init?: InitSpec[];
  /** Builds models, optimizers and data from the program's root random stream. */
  build: (rng: Rng) => TrainSetup;
}

/** Options of `dl.run`. */
export interface RunOptions {
  /** Backend name for `selectBackend` ("wasm", "cpu", "tfjs-node", ...); default: the best found. */
  backend?: string;
  /** Continue from `<outDir>/checkpoints/latest.json` if present. */
  resume?: boolean;
  /** Where history, plot and checkpoints go; default `runs/<program name>`. */
  outDir?: string;
  /**
   * Run folders of other train blocks by name, for `init net from <train block>`; default: the
   * block's name beside this run's folder (`runs/stage4` for `runs/stage8`).
   */
  sources?: Record<string, string>;
  /** Stop after this many loop steps in total (counting steps done before a resume). */
  maxSteps?: number;
  /**
   * Evaluate when `maxSteps` stops a run in the middle of an epoch (default true), so a short run
   * shows its metrics; the row is added to the history with `partial: 1`.
   */
  evaluateOnStop?: boolean;
  /** No progress output. */
  quiet?: boolean;
  /** Progress output stream (default stdout). */
  stream?: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Where warnings go (a damaged checkpoint skipped, a stale lock taken over); default stderr. */
  warn?: (message: string) => void;
  /**
   * Read every loss after every step into `RunResult.trace` (one host sync per step: for tests
   * and debugging only).
   */
  trace?: boolean;
  /**
   * The compiler's estimate of one training step's memory (`dl run` passes it): a backend with a
   * fixed limit (wasm) refuses a step over it before allocating anything.
   */
  memory?: StepMemory;
}

/** What `dl.run` returns. */
export interface RunResult {
  history: HistoryRow[];
  /** Loop steps done in total. */
  steps: number;
  backend: string;
  outDir: string;
  seconds: number;
  /** Why training ended before its last epoch (early stopping, `maxSteps`), if it did. */
  stopped?: string;
  /** The best checkpoint's record (as in `<outDir>/best.json`) when the program keeps one. */
  best?: BestRecord;
  /** The last epoch's confusion matrix CSVs by history name (`test_cm`), when the evaluate block has any. */
  matrices?: Record<string, string>;
  /** Per-step losses when `trace` was set: `{step, name, value}` in order. */
  trace: { step: number; name: string; value: number }[];
}
