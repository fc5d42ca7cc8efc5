/**
 * `drop_path` (stochastic depth) on both engines: the identity at inference; in training each
 * example's input is either all zeros or all x / (1 − rate), the dropped fraction near `rate`,
 * and the mean over many draws stays x's (the 1 / (1 − rate) scaling); fresh masks per call,
 * replayed by the same seed. The torch half runs dl_torch's DropPath where torch is installed.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { pythonEnv } from "../../cli/torch-engine.js";
import { python, torchTest } from "../torch/torch-helpers.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

/** A model holding the layer (Module is abstract). */
class Root extends dl.Module {}

const [B, H, W, C] = [64, 3, 2, 4];
const RATE = 0.3;
const value = (j: number): number => 0.5 + ((j * 13) % 17) / 10;

/** Per example: "kept" (x / (1 − rate) everywhere), "dropped" (zeros) or "mixed" (a failure). */
function classify(x: Float32Array | number[], y: Float32Array | number[], rate: number): string[] {
  const n = H * W * C;
  return Array.from({ length: B }, (_, i) => {
    const ys = Array.from(y.slice(i * n, (i + 1) * n));
    if (ys.every((v) => v === 0)) return "dropped";
    if (ys.every((v, j) => Math.abs(v - x[i * n + j]! / (1 - rate)) <= 1e-6 * Math.abs(v))) return "kept";
    return "mixed";
  });
}

/** The checks shared by both engines, over `calls` training outputs (`outs`) and one inference output. */
function checkDraws(t: import("ava").ExecutionContext, x: number[], outs: number[][], inference: number[]): void {
  t.deepEqual(inference, x, "identity at inference");
  let dropped = 0;
  const sum = new Float64Array(x.length);
  for (const y of outs) {
    const kinds = classify(x, y, RATE);
    t.false(kinds.includes("mixed"), "an example is dropped or kept as a whole");
    dropped += kinds.filter((k) => k === "dropped").length;
    y.forEach((v, j) => (sum[j]! += v));
  }
  const fraction = dropped / (outs.length * B);
  // 20 calls × 64 examples: the standard deviation of the fraction is sqrt(0.3·0.7/1280) ≈ 0.013.
  t.true(Math.abs(fraction - RATE) < 0.05, `dropped fraction ${fraction}`);
  const meanRatio = sum.reduce((a, v, j) => a + v / outs.length / x[j]!, 0) / x.length;
  t.true(Math.abs(meanRatio - 1) < 0.06, `mean of the outputs over x: ${meanRatio}`);
  t.notDeepEqual(outs[0], outs[1], "each call draws a new mask");
}

test("tfjs: identity at inference; per example zero or x / (1 − rate) in training; the mean is kept", (t) => {
  const x = Array.from({ length: B * H * W * C }, (_, j) => value(j));
  const make = () => new dl.layers.DropPath(new Root(null, "net", new dl.Rng(4)), "drop_path_0", { rate: RATE });
  const layer = make();
  const input = tf.tensor(x, [B, H, W, C]);
  const outs = Array.from({ length: 20 }, () => tf.tidy(() => Array.from(layer.apply(input, true).dataSync())));
  checkDraws(t, Array.from(input.dataSync()), outs, Array.from(layer.apply(input, false).dataSync()));
  const again = make();
  t.deepEqual(tf.tidy(() => Array.from(again.apply(input, true).dataSync())), outs[0], "the same seed draws the same masks");
  t.is(new dl.layers.DropPath(null, "p", { rate: 0 }).apply(input, true), input, "rate 0 is the identity");
  input.dispose();
});

torchTest("torch: identity at inference; per example zero or x / (1 − rate) in training; the mean is kept", (t) => {
  const script = `
import json, torch, dl_torch as dl
x = torch.tensor([0.5 + ((j * 13) % 17) / 10 for j in range(${B * H * W * C})], dtype=torch.float32).reshape(${B}, ${H}, ${W}, ${C})
layer = dl.layers.DropPath(dl.Module(None, "net", dl.Rng(4)), "drop_path_0", {"rate": ${RATE}})
outs = [layer.apply(x, True).reshape(-1).tolist() for _ in range(20)]
print(json.dumps({"x": x.reshape(-1).tolist(), "outs": outs, "inference": layer.apply(x, False).reshape(-1).tolist()}))
`;
  const r = spawnSync(python!, ["-c", script], { encoding: "utf8", env: pythonEnv() });
  if (r.status !== 0) return t.fail(r.stderr);
  const out = JSON.parse(r.stdout) as { x: number[]; outs: number[][]; inference: number[] };
  checkDraws(t, out.x, out.outs, out.inference);
});
