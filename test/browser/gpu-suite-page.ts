/**
 * The GPU kernel suite's page (bundled for the browser by test/browser/gpu-suite.test.ts): the op
 * cases and gradient-penalty cases of test/runtime on a backend against cpu in the same page, and
 * a few training steps of a small model with each runtime optimizer. Holds tfjs-core with the
 * cpu, WebGL and WebGPU backends and tfjs's gradients (registered by the runtime's vendored copy).
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import "@tensorflow/tfjs-backend-webgpu";
import { gradientsRegistered } from "../../runtime/kernels/gradients.js";
import { registerKernels } from "../../runtime/kernels/register-kernels.js";
import { Module } from "../../runtime/module.js";
import * as layers from "../../runtime/nn/index.js";
import * as ops from "../../runtime/nn/ops.js";
import * as optim from "../../runtime/optim/index.js";
import { evaluateOpCase, OP_CASES, opCaseInputs } from "../runtime/op-cases.js";
import { SECOND_ORDER_CASES } from "../runtime/second-order-cases.js";
import { randomValues, relError, rng } from "../runtime/seeded.js";

// The runtime's corrected kernels and extra gradients (cpu's ResizeNearestNeighborGrad, AvgPoolGrad's gradient), as selectBackend registers them in Node.
registerKernels();

export { gradientsRegistered };

/** One case's normwise errors against cpu: the value's, then each input gradient's. */
export interface CaseResult {
  name: string;
  errors: number[];
  tol?: number;
}

/**
 * Runs cases [from, to) of a table ("ops" or "second-order") on `backend` and on cpu with the
 * same seeded inputs, as test/gpu/webgpu.test.ts does in Node.
 */
export async function compareCases(backend: string, table: "ops" | "second-order", seed: number, from = 0, to = Infinity): Promise<CaseResult[]> {
  const cases = table === "ops" ? OP_CASES : SECOND_ORDER_CASES;
  const r = rng(seed);
  const out: CaseResult[] = [];
  for (const [i, c] of cases.entries()) {
    const inputs = opCaseInputs(c, r);
    if (i < from || i >= to) continue;
    const got = await evaluateOpCase(backend, c, inputs, seed + i);
    const want = await evaluateOpCase("cpu", c, inputs, seed + i);
    out.push({ name: c.name, errors: got.map((g, k) => relError(g, want[k]!)), ...(c.tol !== undefined ? { tol: c.tol } : {}) });
  }
  return out;
}

/** How many cases each table has (the test splits them into calls). */
export const caseCounts = { ops: OP_CASES.length, "second-order": SECOND_ORDER_CASES.length };

/**
 * A small conv net on the runtime's layers: conv → batchnorm → relu → maxpool → dense. The conv has
 * no bias: before batch norm its gradient is zero up to rounding, which Adam would scale to ±lr.
 */
class Net extends Module {
  readonly conv = new layers.Conv2D(this, "conv", { inChannels: 1, filters: 4, kernel: [3, 3], padding: "same", bias: false });
  readonly bn = new layers.BatchNorm(this, "bn", { features: 4 });
  readonly fc = new layers.Dense(this, "fc", { inFeatures: 4 * 4 * 4, units: 3 });
  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const h = ops.maxPool(ops.relu(this.bn.apply(this.conv.apply(x), training)), { size: [2, 2] });
    return this.fc.apply(ops.reshape(h, [4 * 4 * 4]));
  }
}

/** The optimizers as DL's generated code creates them: every epsilon given explicitly. */
const OPTIMIZERS: Record<string, (m: Module) => optim.Optimizer> = {
  sgd: (m) => optim.sgd(m, { lr: 0.05 }),
  momentum: (m) => optim.momentum(m, { lr: 0.05, momentum: 0.9 }),
  adam: (m) => optim.adam(m, { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }),
  adamw: (m) => optim.adamw(m, { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }),
  rmsprop: (m) => optim.rmsprop(m, { lr: 1e-3, alpha: 0.99, eps: 1e-8, weightDecay: 0 }),
};
export const optimizerNames = Object.keys(OPTIMIZERS);

/**
 * `steps` training steps (cross-entropy on a fixed seeded batch of 8 images of 8×8) with the named
 * optimizer on `backend`: each step's loss, and the parameters afterwards.
 */
export async function trainSteps(backend: string, optimizer: string, steps: number): Promise<{ losses: number[]; params: number[] }> {
  await tf.setBackend(backend);
  const net = new Net(null, `net-${optimizer}-${backend}`);
  const opt = OPTIMIZERS[optimizer]!(net);
  const x = tf.tensor4d(randomValues(rng(3), 8 * 8 * 8), [8, 8, 8, 1]);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32"), 3);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, net.apply(x, true)) as tf.Scalar);
    losses.push((await loss.data())[0]!);
    loss.dispose();
  }
  const params: number[] = [];
  for (const v of net.namedVariables().values()) params.push(...((await v.data()) as Float32Array));
  tf.dispose([x, y]);
  opt.dispose();
  net.dispose();
  return { losses, params };
}
