/** Seeded synthetic data sets (`dl.data.blobs | moons | sequences | logicGate`) for examples and tests. */
import { Rng } from "../rng.js";
import { Dataset } from "./dataset.js";
import type { Field } from "./field.js";

function gaussian(rng: Rng): number {
  // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function make(x: Float32Array, xShape: number[], y: Float32Array | Int32Array, yShape: number[], n: number, origin: string): Dataset {
  const fields: Field[] = [
    { name: "x", storage: x, storedShape: xShape, dtype: "float32", hostScale: 1, transforms: [] },
    { name: "y", storage: y, storedShape: yShape, dtype: y instanceof Int32Array ? "int32" : "float32", hostScale: 1, transforms: [] },
  ];
  return new Dataset(fields, 0, n, origin);
}

/** Isotropic Gaussian clusters (sklearn's make_blobs): `x: [N, features]`, `y: int32 [N]`. */
export function blobs(o: { n?: number; centers?: number; features?: number; std?: number; seed?: number } = {}): Dataset {
  const { n = 300, centers = 3, features = 2, std = 1, seed = 0 } = o;
  const rng = new Rng(seed).child("blobs");
  const c = Float32Array.from({ length: centers * features }, () => -10 + 20 * rng.next());
  const x = new Float32Array(n * features);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % centers;
    for (let j = 0; j < features; j++) x[i * features + j] = c[y[i]! * features + j]! + std * gaussian(rng);
  }
  return make(x, [features], y, [], n, "blobs");
}

/** Two interleaving half circles (sklearn's make_moons): `x: [N, 2]`, `y: int32 [N]`. */
export function moons(o: { n?: number; noise?: number; seed?: number } = {}): Dataset {
  const { n = 300, noise = 0.1, seed = 0 } = o;
  const rng = new Rng(seed).child("moons");
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = Math.PI * rng.next();
    y[i] = i % 2;
    x[2 * i] = (y[i] ? 1 - Math.cos(t) : Math.cos(t)) + noise * gaussian(rng);
    x[2 * i + 1] = (y[i] ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * gaussian(rng);
  }
  return make(x, [2], y, [], n, "moons");
}

/** Boolean functions of two inputs, by name (the lecture's perceptron examples). */
const gates: Record<string, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  nand: (a, b) => 1 - (a & b),
};

/**
 * The truth table of a two-input gate, `copies` times over: `x: [4·copies, 2]` in {0, 1},
 * `y: int32` the gate's output. AND and OR are linearly separable, XOR is not (Minsky & Papert).
 */
export function logicGate(o: { op?: string; copies?: number } = {}): Dataset {
  const { op = "xor", copies = 1 } = o;
  const gate = gates[op];
  if (!gate) throw new Error(`logic_gate: unknown gate "${op}"; expected one of ${Object.keys(gates).join(", ")}`);
  const n = 4 * copies;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i >> 1) & 1;
    const b = i & 1;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = gate(a, b);
  }
  return make(x, [2], y, [], n, `logic_gate(${op})`);
}

/** Noisy sine waves of random frequency and phase: `x: [N, length, 1]`, `y: [N, 1]` = the next value. */
export function sequences(o: { n?: number; length?: number; noise?: number; seed?: number } = {}): Dataset {
  const { n = 1000, length = 20, noise = 0.05, seed = 0 } = o;
  const rng = new Rng(seed).child("sequences");
  const x = new Float32Array(n * length);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const freq = 0.1 + 0.4 * rng.next();
    const phase = 2 * Math.PI * rng.next();
    for (let t = 0; t <= length; t++) {
      const v = Math.sin(freq * t + phase) + noise * gaussian(rng);
      if (t < length) x[i * length + t] = v;
      else y[i] = v;
    }
  }
  return make(x, [length, 1], y, [1], n, "sequences");
}

/**
 * Token sequences for sequence-to-sequence tasks: `x: int32 [N, length]` source tokens drawn
 * uniformly from 1 … vocab − 1, `y: int32 [N, length + 1]` the start token 0 followed by the
 * target, `task` "copy" (x itself), "reverse" (x back to front) or "sort" (x in ascending order).
 * A decoder reads `y[:, :-1]` (teacher forcing) and is scored on `y[:, 1:]`.
 */
export function tokenSequences(o: { n?: number; length?: number; vocab?: number; task?: string; seed?: number } = {}): Dataset {
  const { n = 1000, length = 8, vocab = 10, task = "reverse", seed = 0 } = o;
  if (!["copy", "reverse", "sort"].includes(task)) throw new Error(`token_sequences: unknown task "${task}"; expected copy, reverse or sort`);
  if (vocab < 2) throw new Error(`token_sequences: vocab must be at least 2 (the start token 0 and one more), not ${vocab}`);
  const rng = new Rng(seed).child("token_sequences");
  const x = new Int32Array(n * length);
  const y = new Int32Array(n * (length + 1));
  for (let i = 0; i < n; i++) {
    const src = Array.from({ length }, () => 1 + Math.floor(rng.next() * (vocab - 1)));
    const tgt = task === "copy" ? src : task === "reverse" ? [...src].reverse() : [...src].sort((a, b) => a - b);
    x.set(src, i * length);
    y.set([0, ...tgt], i * (length + 1));
  }
  const fields: Field[] = [
    { name: "x", storage: x, storedShape: [length], dtype: "int32", hostScale: 1, transforms: [] },
    { name: "y", storage: y, storedShape: [length + 1], dtype: "int32", hostScale: 1, transforms: [] },
  ];
  return new Dataset(fields, 0, n, `token_sequences(${task})`);
}
