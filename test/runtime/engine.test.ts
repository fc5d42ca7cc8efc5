import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { program as lenet } from "./fixtures/lenet-program.js";
import { program as tiny } from "./fixtures/tiny-program.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-engine-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));
const out = (name: string): string => path.join(tmp, name);
const base = { backend: "wasm", quiet: true } as const;

test.serial("LeNet trains on real MNIST: the loss goes down within 40 steps", async (t) => {
  const r = await dl.run(lenet({ trainExamples: 2560, testExamples: 500 }), { ...base, outDir: out("lenet"), maxSteps: 40, trace: true });
  const losses = r.trace.map((e) => e.value);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  t.is(r.steps, 40);
  t.is(r.backend, "wasm");
  t.log(`loss: first 5 steps ${mean(losses.slice(0, 5)).toFixed(3)}, last 5 ${mean(losses.slice(-5)).toFixed(3)}`);
  t.true(mean(losses.slice(-5)) < mean(losses.slice(0, 5)) - 0.3);
});

test.serial("resume after a stop mid-epoch replays the uninterrupted loss sequence exactly", async (t) => {
  const full = await dl.run(tiny(), { ...base, outDir: out("full"), trace: true });
  const first = await dl.run(tiny(), { ...base, outDir: out("split"), trace: true, maxSteps: 7 });
  const second = await dl.run(tiny(), { ...base, outDir: out("split"), trace: true, resume: true });
  t.is(full.steps, 20);
  t.deepEqual([first.steps, second.steps], [7, 20]);
  t.deepEqual([...first.trace, ...second.trace], full.trace);
  const timeless = (rows: dl.report.HistoryRow[]): object[] => rows.map(({ seconds: _, ...rest }) => rest);
  t.deepEqual(timeless(second.history), timeless(full.history), "epoch means and metrics too");
});

test.serial("tensors alive stay constant over 50 steps", async (t) => {
  const counts: number[] = [];
  await dl.run(tiny({ epochs: 6, onStep: () => counts.push(tf.memory().numTensors) }), { ...base, outDir: out("leak"), maxSteps: 52 });
  t.is(counts.length, 52);
  // Step 1 creates the optimizer slots and the loss accumulator; afterwards nothing may grow.
  t.deepEqual(new Set(counts.slice(2)), new Set([counts[2]]));
});

test.serial("NaN loss names the .dl source line", async (t) => {
  const prog = tiny();
  const build = prog.build;
  prog.build = (rng) => {
    const setup = build(rng);
    const opt = setup.optimizers.opt!;
    setup.loop = {
      over: "train",
      step: (_batch, s) => s.minimize(opt, "loss", { line: 12, column: 9 }, () => tf.sum(tf.log(tf.neg(tf.add(setup.models.net!.trainableVariables()[0]!, 5))))),
    };
    return setup;
  };
  const err = await t.throwsAsync(dl.run(prog, { ...base, outDir: out("nan") }), { instanceOf: dl.TrainingError });
  t.regex(err!.message, /^test\/tiny\.dl:12:9: loss "loss" became NaN between steps 1 and 10/);
});

test.serial("outputs: history JSONL, HTML plot, tfjs-format checkpoint", async (t) => {
  const dir = out("full");
  const rows = fs.readFileSync(path.join(dir, "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
  t.deepEqual(rows.map((r) => [r.epoch, r.step]), [[1, 10], [2, 20]]);
  t.true(rows.every((r) => typeof r.loss === "number" && typeof r.test_accuracy === "number"));
  t.regex(fs.readFileSync(path.join(dir, "plot.html"), "utf8"), /<svg[^]*accuracy[^]*<polyline/);
  const latest = JSON.parse(fs.readFileSync(path.join(dir, "checkpoints", "latest.json"), "utf8")) as { checkpoint: string };
  t.is(latest.checkpoint, "step-00000020");
  const modelDir = path.join(dir, "checkpoints", latest.checkpoint, "models", "net");
  const json = JSON.parse(fs.readFileSync(path.join(modelDir, "model.json"), "utf8")) as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const bin = fs.readFileSync(path.join(modelDir, "weights.bin"));
  const weights = tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length), json.weightsManifest[0]!.weights);
  t.deepEqual(Object.keys(weights).sort(), ["net.bn.beta", "net.bn.gamma", "net.bn.runningMean", "net.bn.runningVar", "net.conv.bias", "net.conv.kernel", "net.fc.bias", "net.fc.kernel"]);
  t.deepEqual(weights["net.fc.kernel"]!.shape, [784, 10]);
});
