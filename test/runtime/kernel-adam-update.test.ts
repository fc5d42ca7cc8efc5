import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import { ADAM_UPDATE, adamUpdate } from "../../runtime/kernels/adam-update.js";
import { initBackends, randomValues, relError, rng } from "./kernel-test-utils.js";

const H = { lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, t: 3 };

/** torch.optim.Adam's update in float64. */
function reference(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array) {
  const n = p.length;
  const out = { p: new Float64Array(n), m: new Float64Array(n), v: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    out.m[i] = H.beta1 * m[i]! + (1 - H.beta1) * g[i]!;
    out.v[i] = H.beta2 * v[i]! + (1 - H.beta2) * g[i]! ** 2;
    const denom = Math.sqrt(out.v[i]!) / Math.sqrt(1 - H.beta2 ** H.t) + H.eps;
    out.p[i] = p[i]! - (H.lr / (1 - H.beta1 ** H.t)) * (out.m[i]! / denom);
  }
  return out;
}

function inputs(seed: number, n: number) {
  const r = rng(seed);
  const p = randomValues(r, n);
  const g = randomValues(r, n);
  const m = randomValues(r, n).map((x) => x * 0.1);
  const v = randomValues(r, n).map((x) => x * x * 0.01);
  v[0] = 0; // a fresh second moment: the update is then driven by eps and g alone
  g[1] = 0;
  return { p, g, m, v };
}

/** Runs adamUpdate on `backend` (fused kernel or, with `fused` false, the op-by-op form). */
async function run(backend: "wasm" | "cpu", fused: boolean, x: ReturnType<typeof inputs>, shape: number[]) {
  await initBackends();
  await tf.setBackend(backend);
  // Inside tidy so the initial tensors go and each variable owns its buffer alone.
  const [param, m, v] = tf.tidy(() => [x.p, x.m, x.v].map((a) => tf.variable(tf.tensor(a, shape))));
  const grad = tf.tensor(x.g, shape);
  const before = tf.memory().numTensors;
  const buffers = tf.engine().backend.numDataIds();
  const kernel = tf.getKernel(ADAM_UPDATE, backend);
  if (!fused && kernel) tf.unregisterKernel(ADAM_UPDATE, backend);
  try {
    tf.tidy(() => adamUpdate(param!, grad, m!, v!, H));
  } finally {
    if (!fused && kernel) tf.registerKernel(kernel);
  }
  const out = { p: param!.dataSync() as Float32Array, m: m!.dataSync() as Float32Array, v: v!.dataSync() as Float32Array };
  const leaked = tf.memory().numTensors - before;
  const leakedBuffers = tf.engine().backend.numDataIds() - buffers;
  tf.dispose([param!, m!, v!, grad]);
  return { ...out, leaked, leakedBuffers };
}

test.serial("the fused Adam kernel on wasm and cpu matches float64 and the op-by-op form", async (t) => {
  for (const [seed, shape] of [
    [1, [7]],
    [2, [3, 5, 2]],
    [3, [5, 5, 6, 16]],
  ] as [number, number[]][]) {
    const x = inputs(seed, shape.reduce((a, b) => a * b, 1));
    const ref = reference(x.p, x.g, x.m, x.v);
    for (const backend of ["wasm", "cpu"] as const) {
      const fused = await run(backend, true, x, shape);
      const ops = await run(backend, false, x, shape);
      t.is(fused.leaked, 0, `${backend}: tensors leaked`);
      t.is(fused.leakedBuffers, 0, `${backend}: buffers leaked`);
      for (const k of ["p", "m", "v"] as const) {
        t.true(relError(fused[k], ref[k]) <= 1e-6, `${backend} ${k} vs float64: ${relError(fused[k], ref[k])}`);
        t.true(relError(fused[k], ops[k]) <= 1e-6, `${backend} ${k} vs op-by-op: ${relError(fused[k], ops[k])}`);
      }
      // The step itself (p2 - p), not just the parameter, agrees.
      const step = (a: Float32Array) => a.map((q, i) => q - x.p[i]!);
      t.true(relError(step(fused.p), step(ops.p)) <= 1e-4, `${backend} step vs op-by-op`);
    }
  }
});
