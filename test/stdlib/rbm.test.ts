/**
 * The restricted Boltzmann machine (examples/rbm-mnist.dl): the gradient of
 * `contrastive_divergence` is the CD-k rule, and CD-1 lowers the reconstruction error on MNIST.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "../../runtime/index.js";
import { main } from "../../cli/main.js";
import { useWasm } from "../runtime/fixtures/backend.js";

test.before(useWasm);

test.serial("the gradient of contrastive_divergence is −(⟨v hᵀ⟩_data − ⟨v hᵀ⟩_k) for W and likewise for the biases", (t) => {
  const rbm = new dl.layers.RBM(null, "rbm", { visible: 6, hidden: 4, init: (shape) => tf.mul(0.3, tf.sin(tf.reshape(tf.range(0, shape[0]! * shape[1]!), shape))) });
  const v0 = tf.tensor2d([[1, 0, 1, 0, 1, 1], [0, 1, 0.5, 0, 0, 1], [1, 1, 1, 0, 0, 0]]);
  // The same chain as the loss draws (streams of equal seeds), for the expected statistics.
  const vk = rbm.gibbs(v0, 2, new dl.Rng(7));
  const { grads } = tf.variableGrads(() => dl.losses.contrastiveDivergence(rbm, v0, 2, new dl.Rng(7)), rbm.trainableVariables());
  const b = 3;
  const stat = (v: tf.Tensor2D) => tf.matMul(v, rbm.hiddenProbabilities(v), true, false);
  const expectW = tf.div(tf.neg(tf.sub(stat(v0), stat(vk))), b);
  const expectBv = tf.div(tf.neg(tf.sub(tf.sum(v0, 0), tf.sum(vk, 0))), b);
  const expectBh = tf.div(tf.neg(tf.sub(tf.sum(rbm.hiddenProbabilities(v0), 0), tf.sum(rbm.hiddenProbabilities(vk), 0))), b);
  const close = (a: tf.Tensor, e: tf.Tensor) => tf.max(tf.abs(tf.sub(a, e))).dataSync()[0]!;
  t.true(close(grads[rbm.kernel.name]!, expectW) < 1e-5, `W ${close(grads[rbm.kernel.name]!, expectW)} ${grads[rbm.kernel.name]!.toString()} ${expectW.toString()}`);
  t.true(close(grads[rbm.visibleBias.name]!, expectBv) < 1e-5);
  t.true(close(grads[rbm.hiddenBias.name]!, expectBh) < 1e-5);
  t.is(rbm.parameterCount(), 6 * 4 + 6 + 4);
});

test.serial("CD-1 on MNIST lowers the reconstruction error well below the untrained machine's", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dl-rbm-"));
  const { error, log } = console;
  const out: string[] = [];
  console.error = console.log = (...a: unknown[]) => void out.push(a.join(" "));
  let code: number;
  try {
    code = await main(["run", path.join(import.meta.dirname, "../../examples/rbm-mnist.dl"), "--max-steps", "40", "--out", dir, "--backend", "wasm", "--quiet"]);
  } finally {
    Object.assign(console, { error, log });
  }
  t.is(code, 0, out.join("\n"));
  const last = JSON.parse(fs.readFileSync(path.join(dir, "history.jsonl"), "utf8").trim().split("\n").at(-1)!) as Record<string, number>;
  // Untrained (W ≈ 0, zero biases) every pixel is reconstructed as 0.5: the error is mean (x − 0.5)².
  const [x] = dl.data.mnist({ split: "test" }).take(1000).batch(1000).epoch(0, 0, 1).next().value as tf.Tensor[];
  const untrained = tf.mean(tf.square(tf.sub(x!, 0.5))).dataSync()[0]!;
  t.true(last.test_reconstruction! < untrained / 3, `reconstruction ${last.test_reconstruction} after 40 steps, untrained ${untrained.toFixed(4)}`);
});
