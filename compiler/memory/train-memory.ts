/**
 * A static estimate of the memory one training step of a train block takes, from the checked
 * program alone (no tensor is allocated): the weights of its models, a gradient per weight an
 * optimizer trains, each optimizer's state (the values it keeps per weight: SGD none, momentum
 * one, Adam two; the registry entry's `stateSlots`), and the activations the forward pass keeps
 * for the backward one (every layer output, and inner results larger than it such as attention's
 * score matrices), which grow with the batch. `dl check` warns and `dl run`
 * refuses when it is over what the backend can address.
 */
import type { ModelInstance } from "../check/compilation.js";
import type { CheckedTrain } from "../check/train.js";
import { constValue, product } from "../shapes/dim.js";
import { formatBytes, type StepMemory } from "../../runtime/backend/memory.js";
import { optimizers } from "../optim/optimizers.js";
import type { Args } from "../registry/types.js";

/** Bytes of one f32 value. */
const f32 = 4;
/**
 * Bytes the wasm heap holds per byte of layer output during a step: the output, the inner results
 * the gradient tape keeps (a convolution's pre-bias sum, batch norm's normalized input) and the
 * gradients of the backward pass. Measured: five conv2d(16) + relu pairs on MNIST at batch 1000
 * (6.3 × 10^7 output values) took 1.47 GB of resident memory above an empty model's, 3.1 bytes per
 * output byte (bench note in README, "Memory on wasm").
 */
const keptPerOutput = 3;

export interface TrainMemory {
  /** Examples per batch the activations are counted for. */
  batch: number;
  parameters: number;
  gradients: number;
  optimizerState: number;
  activations: number;
  /** Everything above, in bytes. */
  total: number;
  /** Bytes that do not depend on the batch (weights, gradients, optimizer state). */
  fixed: number;
  /** Activation bytes per example. */
  perExample: number;
}

/**
 * The estimate for `train`, or undefined when a size is not known before running (a symbolic
 * dimension, a batch size that is not a constant). `instance` finds nested models by key.
 */
export function estimateTrainMemory(train: CheckedTrain, instance: (key: string) => ModelInstance | undefined): TrainMemory | undefined {
  // The loop's data set sets the batch; evaluation keeps no activations for a backward pass.
  const batch = train.data.find((d) => d.name === train.ir.loop.over)?.batch ?? Math.max(0, ...train.data.map((d) => d.batch ?? 0));
  if (!batch) return undefined;
  let weights = 0;
  let state = 0;
  let perExample = 0;
  const trainableOf = new Map<string, number>();
  for (const m of train.models) {
    const trainable = constValue(m.instance.frame.trainable);
    const kept = constValue(m.instance.frame.nonTrainable);
    const acts = activationsPerExample(m.instance, instance, new Map());
    if (trainable === undefined || kept === undefined || acts === undefined) return undefined;
    weights += trainable;
    state += kept;
    perExample += acts;
    trainableOf.set(m.name, trainable);
  }
  // Gradients and optimizer slots exist for the weights an optimizer trains (a model in none,
  // such as a DQN target network, has neither); a model is in one optimizer at most.
  let trained = 0;
  let slots = 0;
  for (const o of train.ir.optimizers) {
    const n = o.models.reduce((acc, m) => acc + (trainableOf.get(m) ?? 0), 0);
    trained += n;
    slots += n * (optimizers.get(o.entry)?.stateSlots(o.args as Args) ?? 2);
  }
  const parameters = (weights + state) * f32;
  const gradients = trained * f32;
  const optimizerState = slots * f32;
  const activations = perExample * batch * f32 * keptPerOutput;
  const fixed = parameters + gradients + optimizerState;
  return { batch, parameters, gradients, optimizerState, activations, total: fixed + activations, fixed, perExample: perExample * f32 * keptPerOutput };
}

/** Values of every layer output of one forward pass, per example (the batch axis taken as 1). */
function activationsPerExample(m: ModelInstance, instance: (key: string) => ModelInstance | undefined, memo: Map<string, number | undefined>): number | undefined {
  if (memo.has(m.key)) return memo.get(m.key);
  let total = 0;
  for (const row of m.frame.rows) {
    if (row.kind === "param") continue;
    const nested = row.instanceKey ? instance(row.instanceKey) : undefined;
    let n: number | undefined;
    if (nested) n = activationsPerExample(nested, instance, memo);
    else {
      n = 0;
      for (const shape of [...row.outputShape, ...(row.kept ?? [])]) {
        // Per example: every layer output has the batch axis first (a scalar has none).
        const size = constValue(product(shape.slice(1)));
        if (size === undefined) return undefined;
        n += size;
      }
    }
    if (n === undefined) return undefined;
    total += n;
  }
  memo.set(m.key, total);
  return total;
}

/** `5.1 GiB: weights 0.3 GiB, gradients 0.3 GiB, optimizer state 0.6 GiB, activations for a batch of 64 3.9 GiB`. */
export function describeTrainMemory(m: TrainMemory): string {
  return `${formatBytes(m.total)} (weights ${formatBytes(m.parameters)}, gradients ${formatBytes(m.gradients)}, optimizer state ${formatBytes(m.optimizerState)}, activations for a batch of ${m.batch}: ${formatBytes(m.activations)})`;
}

/** The estimate as `dl run` hands it to the runtime, which knows the backends' limits. */
export function stepMemory(m: TrainMemory): StepMemory {
  return { bytes: m.total, detail: describeTrainMemory(m), fixedBytes: m.fixed, perExampleBytes: m.perExample, batch: m.batch };
}
