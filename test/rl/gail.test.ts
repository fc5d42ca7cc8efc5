/**
 * GAIL (Ho & Ermon 2016) with a PPO-clip policy step: the scripted CartPole expert holds the pole,
 * the PPO loss matches a hand computation, the recipe checks and compiles, and a few steps on one
 * batch lower both the discriminator's GAN loss and the policy's clipped surrogate (wasm).
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
const cache = join(repoRoot, ".cache", "rl-gail");

test.before(async () => {
  await dl.selectBackend("wasm");
});

async function program(file: string, train: string): Promise<dl.TrainProgram> {
  const emitted = await pipeline.emitted(join(repoRoot, file));
  if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(cache, { recursive: true });
  const module = join(cache, `${file.replace(/\W+/g, "-")}.ts`);
  writeFileSync(module, emitted.code);
  return ((await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>)[train]!();
}

test("the GAIL stdlib and recipe check; parameter counts", (t) => {
  t.is(problems(join(repoRoot, "stdlib/rl/gail.dl")), "");
  t.is(problems(join(repoRoot, "examples/gail-cartpole.dl")), "");
  t.is(summarize("std/rl/gail", "GAILPolicy", [4], "").summary?.totalParams, 5 * 64 + 65 * 64 + 65 * 2);
});

test("the scripted CartPole expert lasts 200 steps", (t) => {
  const rng = new dl.Rng(7);
  for (let e = 0; e < 10; e++) {
    const cart = new dl.rl.CartPoleInstance();
    let o = cart.reset(rng);
    let steps = 0;
    for (; steps < 200; steps++) {
      const r = cart.step(dl.rl.cartpoleExpert(o));
      o = r.observation;
      if (r.terminal) break;
    }
    t.is(steps, 200);
  }
});

test("ppo_clip_loss: −mean(min(ρA, clip(ρ)A))", (t) => {
  const logits = tf.tensor2d([[0, 0], [0, 0]]);
  // π(a) = 0.5 for both; the acting policy gave 0.25 and 0.8: ρ = 2 and 0.625.
  const logp = tf.tensor1d([Math.log(0.25), Math.log(0.8)]);
  const loss = dl.rl.ppoClipLoss(logits, tf.tensor1d([0, 1], "int32"), logp, tf.tensor1d([1, -1]), { clip: 0.2 });
  // Row 0: min(2·1, 1.2·1) = 1.2; row 1: min(0.625·(−1), 0.8·(−1)) = −0.8; loss −(1.2 − 0.8)/2.
  t.true(Math.abs(loss.dataSync()[0]! + 0.2) < 1e-5);
});

test.serial("GAIL on CartPole: a few steps on one batch lower the discriminator and policy losses", async (t) => {
  const p = await program("examples/gail-cartpole.dl", "gail_cartpole");
  const setup = p.build(new dl.Rng(p.seed));
  const data = setup.data[(setup.loop as { over: string }).over]!;
  const batch = data.epoch(0, 0, 1).next().value as tf.Tensor[];
  const s = new dl.train.StepContext(p.source, true);
  for (let i = 0; i < 15; i++) {
    tf.tidy(() => setup.loop.step(batch, s));
    s.step++;
  }
  for (const name of ["d_opt", "pi_opt"]) {
    const losses = s.trace.filter((e) => e.name.includes(name)).map((e) => e.value);
    t.log(`${name}: ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)} in ${losses.length} steps`);
    t.true(losses.at(-1)! < losses[0]!, name);
  }
  tf.dispose(batch);
});
