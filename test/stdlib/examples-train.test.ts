/**
 * The standard library's examples train: each train block below runs a few steps on real
 * MNIST (wasm backend) and its loss goes down (mean of the last steps below the first ones).
 */
import test from "ava";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as dl from "dl-lang/runtime";
import { safeName } from "../../compiler/check/names.js";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { pipeline } from "./helpers.js";

const repoRoot = join(stdlibRoot, "..");
const cache = join(repoRoot, ".cache", "stdlib-examples");

/** Example file, train block, steps, and how many steps at each end are averaged. */
const runs: [string, string, number, number][] = [
  // Batches of 16 make single steps noisy (real MNIST: 2.63, 1.37, 1.72, 2.78, ...): average four.
  ["examples/resnet-mnist.dl", "resnet", 14, 4],
  ["examples/rnn-mnist.dl", "rnn", 12, 3],
  ["examples/rnn-mnist.dl", "birnn", 12, 3],
  ["examples/rnn-mnist.dl", "deep_rnn", 12, 3],
  ["examples/rnn-mnist.dl", "lstm", 12, 3],
  ["examples/rnn-mnist.dl", "gru", 12, 3],
  ["examples/transformer-mnist.dl", "transformer", 8, 2],
  ["examples/alexnet-mnist.dl", "alexnet", 12, 4],
  ["examples/alexnet-mnist.dl", "alexnet_paper", 12, 4],
  ["examples/vgg-mnist.dl", "vgg", 12, 4],
  ["examples/inception-mnist.dl", "googlenet", 12, 4],
  ["examples/inception-mnist.dl", "inception_v3", 12, 4],
  ["examples/se-resnet-mnist.dl", "se_resnet", 12, 4],
  ["examples/unet-mnist.dl", "unet", 12, 4],
  ["examples/conv-blocks-mnist.dl", "spatial_separable", 12, 4],
  ["examples/conv-blocks-mnist.dl", "depthwise_separable", 12, 4],
  ["examples/conv-blocks-mnist.dl", "dilated", 12, 4],
  ["examples/modern-layers-mnist.dl", "sequence", 12, 4],
  ["examples/modern-layers-mnist.dl", "image", 12, 4],
  ["examples/modern-nets-mnist.dl", "mobilenet", 12, 4],
  ["examples/modern-nets-mnist.dl", "efficientnet", 12, 4],
  ["examples/modern-nets-mnist.dl", "convnext", 12, 4],
  ["examples/modern-nets-mnist.dl", "densenet", 12, 4],
  ["examples/modern-nets-mnist.dl", "shufflenet", 12, 4],
  ["examples/modern-nets-mnist.dl", "vit", 12, 4],
  ["examples/seq2seq-mnist.dl", "seq2seq", 12, 3],
];

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const [file, train, steps, k] of runs) {
  test.serial(`${file} train ${train}: ${steps} steps lower the loss`, async (t) => {
    const emitted = await pipeline.emitted(join(repoRoot, file));
    if (!emitted.code) return t.fail(emitted.diagnostics.map((d) => d.message).join("\n"));
    mkdirSync(cache, { recursive: true });
    const module = join(cache, `${file.replace(/\W+/g, "-")}.ts`);
    writeFileSync(module, emitted.code);
    const generated = (await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>;
    const outDir = join(cache, "runs", train);
    rmSync(outDir, { recursive: true, force: true });
    // No evaluation at the stop: these examples evaluate on all 10,000 MNIST test digits, and the
    // test is about the loss going down, which needs no metrics.
    const r = await dl.run(generated[safeName(train)]!(), { backend: "wasm", outDir, maxSteps: steps, trace: true, quiet: true, evaluateOnStop: false });
    const losses = r.trace.map((e) => e.value);
    t.log(`loss: first ${k} steps ${mean(losses.slice(0, k)).toFixed(3)}, last ${k} ${mean(losses.slice(-k)).toFixed(3)}`);
    t.is(r.steps, steps);
    t.true(mean(losses.slice(-k)) < mean(losses.slice(0, k)));
  });
}

test.serial("examples/optimizers-blobs.dl: every optimizer and schedule lowers its own loss", async (t) => {
  const file = "examples/optimizers-blobs.dl";
  const emitted = await pipeline.emitted(join(repoRoot, file));
  if (!emitted.code) return t.fail(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(cache, { recursive: true });
  const module = join(cache, "optimizers-blobs.ts");
  writeFileSync(module, emitted.code);
  const generated = (await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>;
  const outDir = join(cache, "runs", "optimizers");
  rmSync(outDir, { recursive: true, force: true });
  const r = await dl.run(generated.optimizers!(), { backend: "wasm", outDir, maxSteps: 36, trace: true, quiet: true });
  for (const name of ["loss_optN", "loss_optW", "loss_optC"]) {
    const losses = r.trace.filter((e) => e.name === name).map((e) => e.value);
    t.log(`${name}: first 6 steps ${mean(losses.slice(0, 6)).toFixed(3)}, last 6 ${mean(losses.slice(-6)).toFixed(3)}`);
    t.true(losses.length >= 30, `${name}: ${losses.length} steps traced`);
    t.true(mean(losses.slice(-6)) < mean(losses.slice(0, 6)) / 4, name);
  }
});
