/**
 * Initializers chosen in the language (`init=`, `bias_init=`, `recurrent_init=`) reach the
 * generated layers: a compiled model's weights have the distribution each initializer names
 * (standard deviations within 10% of the formula on thousands of draws, exact constants,
 * orthogonal recurrent kernels to 1e-5), parameter counts are unchanged, and a seed gives the
 * same weights twice.
 */
import test from "ava";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { overlay, pipeline } from "../stdlib/helpers.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

const source = `model Init() {
  input x: f32[B, 16, 16, 32]
  input s: f32[B, 10, 64]
  let image = x
    |> conv2d(64, kernel=3, init=normal(0.02), bias_init=zeros)
    |> conv2d(64, kernel=3, init=kaiming(nonlinearity="relu", mode="fan_out"))
    |> conv2d_transpose(32, kernel=2, stride=2, init=xavier(distribution="normal"))
    |> flatten
    |> dense(16, init=uniform(low=-0.1, high=0.1), bias_init=constant(0.5))
  let sequence = s |> lstm(32, init=xavier, recurrent_init=orthogonal(gain=2.0), bias_init=ones)
  return concat(image, sequence)
}
model Learnable() {
  input x: f32[B, 4, 8]
  param pos: f32[1, 4, 8] = normal(0.5)
  param scale: f32[8] = constant(2.0)
  return (x + pos) * scale
}
model Plain() {
  input x: f32[B, 16, 16, 32]
  input s: f32[B, 10, 64]
  let image = x |> conv2d(64, kernel=3) |> conv2d(64, kernel=3) |> conv2d_transpose(32, kernel=2, stride=2) |> flatten |> dense(16)
  return concat(image, s |> lstm(32))
}
`;

type Net = dl.Module;
let mod: Record<string, new (parent: null, name: string, rng?: dl.Rng) => Net>;

test.before(async () => {
  const path = join(stdlibRoot, "..", ".cache", "initializers", "init.dl");
  overlay.set(path, source);
  const emitted = await pipeline.emitted(path);
  if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path.replace(/\.dl$/, ".ts"), emitted.code);
  mod = (await import(pathToFileURL(path.replace(/\.dl$/, ".ts")).href)) as typeof mod;
});

const stats = (v: tf.Tensor) =>
  tf.tidy(() => {
    const { mean, variance } = tf.moments(v);
    return { mean: mean.dataSync()[0]!, std: Math.sqrt(variance.dataSync()[0]!), min: tf.min(v).dataSync()[0]!, max: tf.max(v).dataSync()[0]! };
  });

test("each layer's weights follow the initializer it names", (t) => {
  const net = new mod.Init!(null, "net", new dl.Rng(5));
  const v = net.namedVariables();
  const get = (name: string) => {
    const x = v.get(`net.${name}`);
    if (!x) throw new Error(`no net.${name}: ${[...v.keys()].join(", ")}`);
    return x;
  };
  const near = (got: number, want: number, what: string) => t.true(Math.abs(got - want) <= 0.1 * want, `${what}: std ${got}, expected ${want}`);
  near(stats(get("conv2d_0.kernel")).std, 0.02, "normal(0.02)");
  t.deepEqual(stats(get("conv2d_0.bias")), { mean: 0, std: 0, min: 0, max: 0 });
  // kaiming fan_out of [3, 3, 64, 64]: 3·3·64; gain √2.
  near(stats(get("conv2d_1.kernel")).std, Math.SQRT2 / Math.sqrt(9 * 64), "kaiming(fan_out, relu)");
  // xavier of the transpose kernel [2, 2, 32, 64]: fans 2·2·32 and 2·2·64.
  near(stats(get("conv2d_transpose_0.kernel")).std, Math.sqrt(2 / (128 + 256)), "xavier(normal)");
  const u = stats(get("dense_0.kernel"));
  t.true(u.min >= -0.1 && u.max <= 0.1 && Math.abs(u.mean) < 0.005, `uniform(-0.1, 0.1): ${JSON.stringify(u)}`);
  near(u.std, 0.2 / Math.sqrt(12), "uniform(-0.1, 0.1)");
  t.deepEqual(stats(get("dense_0.bias")), { mean: 0.5, std: 0, min: 0.5, max: 0.5 });
  near(stats(get("lstm_0.weightIhL0")).std, Math.sqrt(2 / (64 + 128)), "xavier(uniform) on [64, 128]");
  const hh = get("lstm_0.weightHhL0") as unknown as tf.Tensor2D; // [32, 128]: orthonormal rows, times 2
  const gram = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.matMul(hh, hh, false, true), tf.mul(tf.eye(32), 4)))).dataSync()[0]!);
  t.true(gram < 1e-5 * 4 * 32, `orthogonal(gain=2): max |W Wᵀ − 4I| = ${gram}`);
  t.deepEqual(stats(get("lstm_0.biasIhL0")), { mean: 1, std: 0, min: 1, max: 1 });
  net.dispose();
});

test("a param of a model is a variable: counted, initialized, named for checkpoints, trained", (t) => {
  const net = new mod.Learnable!(null, "net", new dl.Rng(3));
  t.is(net.parameterCount(), 4 * 8 + 8);
  const vars = net.namedVariables();
  t.deepEqual([...vars.keys()], ["net.pos", "net.scale"]);
  t.deepEqual(stats(vars.get("net.scale")!), { mean: 2, std: 0, min: 2, max: 2 });
  t.true(Math.abs(stats(vars.get("net.pos")!).std - 0.5) < 0.15);
  const apply = net as unknown as { apply(x: tf.Tensor, training: boolean): tf.Tensor };
  const x = tf.ones([2, 4, 8]);
  const opt = dl.optim.sgd(net, { lr: 0.1 });
  const loss = () => tf.tidy(() => tf.mean(tf.square(apply.apply(x, true))) as tf.Scalar);
  const before = loss().dataSync()[0]!;
  for (let i = 0; i < 5; i++) opt.minimize(loss).dispose();
  const after = loss().dataSync()[0]!;
  t.true(after < 0.8 * before, `loss ${before} → ${after}`);
  x.dispose();
  net.dispose();
});

test("initializers change no parameter count, and a seed gives the same weights twice", (t) => {
  const a = new mod.Init!(null, "net", new dl.Rng(9));
  const b = new mod.Init!(null, "net", new dl.Rng(9));
  const plain = new mod.Plain!(null, "net", new dl.Rng(9));
  t.is(a.parameterCount(), plain.parameterCount());
  const vb = b.namedVariables();
  for (const [name, v] of a.namedVariables()) t.deepEqual(Array.from(v.dataSync()), Array.from(vb.get(name)!.dataSync()), name);
  for (const m of [a, b, plain]) m.dispose();
});
