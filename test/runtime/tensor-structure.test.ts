/**
 * The runtime side of indexing, slicing, comparisons, `where`, `cast`, `permute` and `split`:
 * values against hand-computed ones, and second derivatives through them against the analytic
 * ones (each op only moves or selects values, so the Hessian of Σ g(x)³ is 6·x on the elements
 * the op keeps). Exact in float32 on these small integers and halves.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "../../runtime/index.js";
import { initBackends } from "./kernel-test-utils.js";

test.before(async () => {
  await initBackends();
});

const x = () => tf.tensor3d([...Array(24).keys()].map((v) => v / 2), [2, 3, 4]);

test("slice keeps ranges and drops indexed axes", (t) => {
  const first = dl.ops.slice(x(), [0, 0, 0], [-1, 1, -1], [1]);
  t.deepEqual(first.shape, [2, 4]);
  t.deepEqual(Array.from(first.dataSync()), [0, 0.5, 1, 1.5, 6, 6.5, 7, 7.5]);
  const mid = dl.ops.slice(x(), [0, 1, 2], [-1, 2, 2]);
  t.deepEqual(mid.shape, [2, 2, 2]);
  t.deepEqual(Array.from(mid.dataSync()), [3, 3.5, 5, 5.5, 9, 9.5, 11, 11.5]);
});

test("slice steps: every s-th element of the block, negative steps backwards from its end (Python's semantics)", (t) => {
  // x is [2, 3, 4] holding 0, 0.5, ..., 11.5; x[i, j, k] = (12i + 4j + k) / 2.
  const at = (i: number, j: number, k: number) => (12 * i + 4 * j + k) / 2;
  const expect = (is: number[], js: number[], ks: number[]) => is.flatMap((i) => js.flatMap((j) => ks.map((k) => at(i, j, k))));
  // x[:, :, ::2]
  const even = dl.ops.slice(x(), [0, 0, 0], [-1, -1, -1], [], [1, 1, 2]);
  t.deepEqual(even.shape, [2, 3, 2]);
  t.deepEqual(Array.from(even.dataSync()), expect([0, 1], [0, 1, 2], [0, 2]));
  // x[:, ::2, 1::2]: 3 rows give ceil(3 / 2) = 2 (the padding is never kept).
  const odd = dl.ops.slice(x(), [0, 0, 1], [-1, -1, 3], [], [1, 2, 2]);
  t.deepEqual(odd.shape, [2, 2, 2]);
  t.deepEqual(Array.from(odd.dataSync()), expect([0, 1], [0, 2], [1, 3]));
  // x[::-1, 2:0:-1, 3] (the block (0, 2] of axis 1 walked down, axis 2 indexed).
  const back = dl.ops.slice(x(), [0, 1, 3], [-1, 2, 1], [2], [-1, -1, 1]);
  t.deepEqual(back.shape, [2, 2]);
  t.deepEqual(Array.from(back.dataSync()), expect([1, 0], [2, 1], [3]));
  // x[:, :, ::-3]: 3, 0.
  const down = dl.ops.slice(x(), [0, 0, 0], [-1, -1, -1], [], [1, 1, -3]);
  t.deepEqual(Array.from(down.dataSync()), expect([0, 1], [0, 1, 2], [3, 0]));
});

test("split, permute, comparisons, logical ops, where with numbers and cast", (t) => {
  const [a, b] = dl.ops.split(x(), [1, 3], 2) as [tf.Tensor, tf.Tensor];
  t.deepEqual(a!.shape, [2, 3, 1]);
  t.deepEqual(b!.shape, [2, 3, 3]);
  t.deepEqual(Array.from(a!.dataSync()), [0, 2, 4, 6, 8, 10]);
  const p = dl.ops.permute(x(), [0, 2, 1]);
  t.deepEqual(p.shape, [2, 4, 3]);
  t.deepEqual(Array.from(p.dataSync()).slice(0, 3), [0, 2, 4]);
  const m = dl.ops.logicalAnd(dl.ops.greater(x(), 2), dl.ops.lessEqual(x(), 4));
  t.is(m.dtype, "bool");
  t.deepEqual(Array.from(dl.ops.cast(m, "f32").dataSync()).slice(0, 10), [0, 0, 0, 0, 0, 1, 1, 1, 1, 0]);
  const w = dl.ops.where(dl.ops.logicalNot(m), x(), 0);
  t.deepEqual(Array.from(w.dataSync()).slice(4, 10), [2, 0, 0, 0, 0, 4.5]);
  // The mask broadcasts against the values: a [4] mask chooses along the last axis.
  const lanes = dl.ops.where(tf.tensor1d([true, false, true, false], "bool"), x(), tf.scalar(-1));
  t.deepEqual(Array.from(lanes.dataSync()).slice(0, 4), [0, -1, 1, -1]);
  t.true(Array.from(dl.ops.equal(dl.ops.argmax(tf.tensor2d([[0, 3], [5, 1]])), tf.tensor1d([1, 0], "int32")).dataSync()).every((v) => v === 1));
});

/** ∇ₓ Σ ∇ₓ(Σ g(x)³) = 6·x where g keeps an element, 0 elsewhere. */
function hessianDiagonal(g: (x: tf.Tensor) => tf.Tensor, input: tf.Tensor): Float32Array | Int32Array | Uint8Array {
  const inner = tf.grad((v: tf.Tensor) => tf.sum(tf.pow(g(v), 3)));
  return tf.grad((v: tf.Tensor) => tf.sum(inner(v)))(input).dataSync();
}

test("second derivatives flow through slice, permute, split and where", (t) => {
  const input = x();
  const v = Array.from(input.dataSync());
  const kept = (keep: (i: number) => boolean) => v.map((value, i) => (keep(i) ? 6 * value : 0));
  // x[:, 0]: the first row of each example.
  t.deepEqual(Array.from(hessianDiagonal((u) => dl.ops.slice(u, [0, 0, 0], [-1, 1, -1], [1]), input)), kept((i) => i % 12 < 4));
  // x[:, ::-2, 1::2]: rows 2 and 0, columns 1 and 3.
  t.deepEqual(Array.from(hessianDiagonal((u) => dl.ops.slice(u, [0, 0, 1], [-1, -1, 3], [], [1, -2, 2]), input)), kept((i) => i % 4 % 2 === 1 && Math.floor(i / 4) % 3 !== 1));
  t.deepEqual(Array.from(hessianDiagonal((u) => dl.ops.permute(u, [2, 0, 1]), input)), kept(() => true));
  t.deepEqual(Array.from(hessianDiagonal((u) => dl.ops.split(u, [1, 3], 2)[1]!, input)), kept((i) => i % 4 !== 0));
  const mask = dl.ops.greater(input, 5);
  t.deepEqual(Array.from(hessianDiagonal((u) => dl.ops.where(mask, u, 0), input)), kept((i) => v[i]! > 5));
});
