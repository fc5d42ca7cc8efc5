/**
 * The IR of a `train` block: data pipelines, model instances, optimizers, the loop over batches
 * with its steps (each a loss expression as a block of nodes, with its source location), nested
 * repeats, evaluation metrics, samples and checkpoint policy.
 */
import type { DataField } from "../check/values.js";
import type { Node, Operand, SourceRef } from "./model.js";
import type { IRArgs } from "./values.js";
import type { WholeSetMetric } from "../registry/types.js";

/**
 * A data source call and the operations piped after it: `mnist(split="train") |> batch(64)`.
 * The source is a data source entry (compiler/data/sources.ts) and its arguments, or a data set
 * declared earlier in the same train block, by name.
 */
export interface DataPipeline {
  source: { entry: string; args: IRArgs } | { data: string };
  ops: DataOp[];
}

/** A data operation (compiler/data/ops.ts, rl.ts), or `.x`: one field of the set. */
export type DataOp = { op: "apply"; entry: string; args: IRArgs } | { op: "select"; field: string };

/**
 * Nodes computed together: one step's loss, the evaluation metrics, the samples. `training` is
 * the flag layers see (dropout, batch norm); `rng` the seeded stream random layers draw from.
 * A `let` of the loop is computed once per block that uses it.
 */
export interface Block {
  nodes: Node[];
  training: boolean;
  rng: "loop" | "samples";
}

/** A statement of the loop over batches. */
export type LoopStmt =
  | {
      s: "step";
      /** The optimizer (a name of `TrainIR.optimizers`) minimizing the loss. */
      optimizer: string;
      /** History name of the loss: `loss`, or `loss_<optimizer>` when the loop has several steps. */
      lossName: string;
      block: Block;
      loss: Operand;
      /** The loss expression; `line`/`column` (1-based) for NaN reports. */
      at: SourceRef & { line: number; column: number };
    }
  /**
   * `repeat n { ... }`; with `fresh`, each iteration after the first draws the loop's next batch
   * (the pattern's names are that batch inside the body), and the loop's epoch ends when the data
   * runs out, in the middle of a repeat too (the repeat stops, the statements after it run).
   */
  | { s: "repeat"; count: number; body: LoopStmt[]; fresh?: true };

/**
 * One `metric` of an evaluate block. Without `total` its value is a batch mean, averaged over the
 * set weighted by batch size; with it, the value is confusion counts `[C, C]` summed over the set
 * and turned into `total` at the end (registry `wholeSet`).
 */
export interface EvalMetric {
  name: string;
  value: Operand;
  total?: WholeSetMetric;
}

/** A watched evaluation metric: its history name (`test_accuracy`) and direction. */
export interface Watch {
  metric: string;
  mode: "min" | "max";
}

export interface TrainIR {
  name: string;
  doc?: string;
  at: SourceRef;
  seed: number;
  epochs: number;
  data: { name: string; pipeline: DataPipeline; fields: DataField[] }[];
  /** Model instances: `model` is the `ModelIR.key` each one builds. */
  models: { name: string; model: string }[];
  /**
   * `groups`: parameter groups in order (`adam(group(net.body_0, lr=1e-4), net.head)`), each the
   * weights of a model under `path` ("" all) with its own `lr`/`weight_decay`; absent when the
   * optimizer takes all weights of its models with its own options.
   */
  optimizers: { name: string; entry: string; models: string[]; args: IRArgs; groups?: { model: string; path: string; args: IRArgs }[] }[];
  /**
   * `for (x, y) in train { ... }`: `pattern` names the batch fields (operands `{ k: "input" }`);
   * the batch size `B` is axis 0 of the first.
   */
  loop: { over: string; pattern: string[]; body: LoopStmt[] };
  evaluate?: { over: string; pattern: string[]; block: Block; metrics: EvalMetric[] };
  samples?: { block: Block; value: Operand };
  checkpoint?: { every: number; unit: "epochs" | "steps" };
  best?: Watch;
  stopEarly?: Watch & { patience: number };
  /** `init net from ... except ...`: saved weights models start from, matched by name under the model. */
  init?: WeightInit[];
  /** `freeze net.body_0`: weights no optimizer updates, by a prefix under the model ("" = the whole model). */
  freeze?: { model: string; path: string }[];
}

/**
 * One `init`: the model (a name of `TrainIR.models`) takes the weights of a run folder or of
 * another train block's model (its final weights), except those under the `except` prefixes.
 * The checker has matched names and shapes where both sides were known; a target's engine
 * checks again at run start (runtime/checkpoint/weight-match.ts is the rule).
 */
export interface WeightInit {
  model: string;
  /** Only the model's weights under this prefix (`init net.encoder_0 from ...`). */
  into?: string;
  /** `under`: only the weights under that prefix of the source model (a sub-model). */
  from: { run: string } | { train: string; model: string; under?: string };
  except: string[];
  at: SourceRef & { line: number; column: number };
}
