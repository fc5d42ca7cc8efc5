/**
 * RIG (Nair et al. 2018) on point reaching seen as images: the environment draws its point where
 * it is, the stdlib models have their documented parameter counts, and a few steps on one
 * relabeled batch lower both the VAE's negative ELBO and the goal-conditioned TD loss (wasm).
 */
import test from "ava";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { pipeline, problems, summarize } from "../stdlib/helpers.js";

const repoRoot = join(stdlibRoot, "..");
const cache = join(repoRoot, ".cache", "rl-rig");

test.before(async () => {
  await dl.selectBackend("wasm");
});

test("reach draws the point at its position and moves it by 0.1", (t) => {
  const env = dl.rl.reach({ size: 16 });
  const inst = env.create() as InstanceType<typeof dl.rl.ReachInstance>;
  inst.reset(new dl.Rng(1));
  inst.x = 0;
  inst.y = 0;
  inst.step(1);
  const img = inst.step(1).observation;
  t.true(Math.abs(inst.x - 0.2) < 1e-9);
  // x = 0.2 is column 0.2·15 = 3 of row 0.
  t.is(img.indexOf(Math.max(...img)), 3);
});

test("the RIG stdlib and recipe check; parameter counts", (t) => {
  t.is(problems(join(repoRoot, "stdlib/rl/rig.dl")), "");
  t.is(problems(join(repoRoot, "examples/rig-reach.dl")), "");
  t.is(summarize("std/rl/rig", "RIGEncoder", [16, 16, 1], "").summary?.totalParams, 257 * 128 + 2 * 129 * 4);
  t.is(summarize("std/rl/rig", "RIGDecoder", [4], "").summary?.totalParams, 5 * 128 + 129 * 256);
});

test.serial("RIG on reach: a few steps on one batch lower the ELBO and the TD loss", async (t) => {
  const emitted = await pipeline.emitted(join(repoRoot, "examples/rig-reach.dl"));
  if (!emitted.code) return t.fail(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(cache, { recursive: true });
  const module = join(cache, "rig-reach.ts");
  writeFileSync(module, emitted.code);
  const p = ((await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>)["rig_reach"]!();
  const setup = p.build(new dl.Rng(p.seed));
  const data = setup.data[(setup.loop as { over: string }).over]!;
  const batch = data.epoch(0, 0, 1).next().value as tf.Tensor[];
  t.true(batch[4]!.dataSync().every((r) => r <= 0), "rewards are negative distances");
  const s = new dl.train.StepContext(p.source, true);
  for (let i = 0; i < 15; i++) {
    tf.tidy(() => setup.loop.step(batch, s));
    s.step++;
  }
  for (const name of ["vae_opt", "q_opt"]) {
    const losses = s.trace.filter((e) => e.name.includes(name)).map((e) => e.value);
    t.log(`${name}: ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)} in ${losses.length} steps`);
    t.true(losses.at(-1)! < losses[0]!, name);
  }
  tf.dispose(batch);
});
