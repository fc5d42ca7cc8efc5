import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import { initBackends } from "./kernel-test-utils.js";

/**
 * A training step through every kernel the runtime adds or replaces on wasm for speed
 * (Conv2DBackpropInput at strides 1 and 2, Conv2DBackpropFilter, transposed BatchMatMul,
 * AvgPoolGrad, MaxPoolGrad) leaves as many engine tensors and wasm buffers alive after each step
 * as after the first, and its losses match the cpu backend's step for step.
 */
function trainer() {
  const v = (shape: number[], seed: number) => tf.variable(tf.randomUniform(shape, -0.3, 0.3, "float32", seed));
  const p = {
    c1: v([3, 3, 2, 4], 1),
    c2: v([3, 3, 4, 6], 2),
    f: v([6 * 2 * 2, 5], 3),
    fb: v([5], 4),
  };
  const x = tf.randomUniform([3, 12, 12, 2], -1, 1, "float32", 5) as tf.Tensor4D;
  const labels = tf.oneHot(tf.tensor1d([0, 3, 4], "int32"), 5);
  const loss = () => {
    let h = tf.relu(tf.conv2d(x, p.c1 as tf.Tensor4D, 1, "same")) as tf.Tensor4D;
    h = tf.maxPool(h, 2, 2, "valid");
    h = tf.tanh(tf.conv2d(h, p.c2 as tf.Tensor4D, 2, "same")) as tf.Tensor4D;
    h = tf.avgPool(h, 2, 1, "valid");
    const f = tf.add(tf.matMul(tf.reshape(h, [3, 24]), p.f as tf.Tensor2D), p.fb);
    return tf.losses.softmaxCrossEntropy(labels, f) as tf.Scalar;
  };
  const step = (): number => {
    const { value, grads } = tf.variableGrads(loss);
    tf.tidy(() => {
      for (const [name, g] of Object.entries(grads)) {
        const variable = Object.values(p).find((q) => q.name === name)!;
        variable.assign(tf.sub(variable, tf.mul(g, 0.1)));
      }
    });
    tf.dispose(Object.values(grads));
    const l = value.dataSync()[0]!;
    value.dispose();
    return l;
  };
  return { step, dispose: () => tf.dispose([x, labels, ...Object.values(p)]) };
}

async function run(backend: "wasm" | "cpu", steps: number) {
  await initBackends();
  await tf.setBackend(backend);
  const t = trainer();
  const losses: number[] = [];
  const tensors: number[] = [];
  const buffers: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(t.step());
    tensors.push(tf.memory().numTensors);
    buffers.push(tf.engine().backend.numDataIds());
  }
  t.dispose();
  return { losses, tensors, buffers };
}

test.serial("a training step through the runtime's wasm kernels keeps tensor and buffer counts constant", async (t) => {
  const wasm = await run("wasm", 5);
  t.deepEqual(new Set(wasm.tensors).size, 1, `tensors alive per step: ${wasm.tensors}`);
  t.deepEqual(new Set(wasm.buffers).size, 1, `wasm buffers per step: ${wasm.buffers}`);
  const cpu = await run("cpu", 5);
  for (let i = 0; i < 5; i++) {
    t.true(Math.abs(wasm.losses[i]! - cpu.losses[i]!) <= 1e-4 * Math.max(1, Math.abs(cpu.losses[i]!)), `step ${i}: wasm ${wasm.losses[i]} cpu ${cpu.losses[i]}`);
  }
  t.true(wasm.losses[4]! < wasm.losses[0]!, `loss falls: ${wasm.losses}`);
});
