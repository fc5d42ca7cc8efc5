import test from "ava";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

const LN4 = 2 * Math.log(2);

test("GAN: D's loss starts at 2 ln 2 and falls as D learns to tell real from fake", async (t) => {
  const run = await runRecipe("gan-mnist.dl", 12, 256);
  const d = run.losses["loss_optD"]!;
  t.true(Math.abs(d[0]! - LN4) < 0.2, `first D loss ${d[0]}`);
  t.true(ends(d).last < ends(d).first, `D ${ends(d).first} → ${ends(d).last}`);
  t.is(run.losses["loss_optG"]!.length, 12);
  t.truthy(run.png);
});

test("conditional GAN: the same game with labels", async (t) => {
  const run = await runRecipe("cgan-mnist.dl", 12, 256);
  const d = run.losses["loss_optD"]!;
  t.true(Math.abs(d[0]! - LN4) < 0.2, `first D loss ${d[0]}`);
  t.true(ends(d).last < ends(d).first);
  t.truthy(run.png);
});

test("DCGAN: D's loss falls from 2 ln 2", async (t) => {
  const run = await runRecipe("dcgan-mnist.dl", 8, 512);
  const d = run.losses["loss_optD"]!;
  t.true(Math.abs(d[0]! - LN4) < 0.4, `first D loss ${d[0]}`);
  t.true(ends(d, 2).last < ends(d, 2).first, `D ${d.join(", ")}`);
  t.truthy(run.png);
});

test("WGAN: five clipped critic steps per generator step, each on a fresh real batch; the critic's loss falls below zero", async (t) => {
  // 1,280 examples in batches of 64: 20 batches, 5 per generator step, so 4 steps use all of them.
  const run = await runRecipe("wgan-fashion.dl", 4, 1280);
  const d = run.losses["loss_optD"]!;
  const g = run.losses["loss_optG"]!;
  t.is(d.length, 20);
  t.is(g.length, 4);
  t.is(run.drawn, 16, "4 fresh batches drawn per generator step");
  t.log(`critic ${d[0]!.toFixed(4)} → ${d.at(-1)!.toFixed(4)}, generator ${g.map((x) => x.toFixed(4)).join(", ")}`);
  t.true(d.every(Number.isFinite) && g.every(Number.isFinite));
  t.true(d.at(-1)! < d[0]!, `critic ${d.join(", ")}`);
  t.true(d.at(-1)! < 0, "E[D(x)] > E[D(G(z))] once the critic has learned");
  t.truthy(run.png);
});

test("WGAN-GP: the critic's loss with the gradient penalty falls", async (t) => {
  // 640 examples in batches of 64: 10 batches, a fresh one for each of the 10 critic steps.
  const run = await runRecipe("wgan-gp-mnist.dl", 2, 640);
  const d = run.losses["loss_optD"]!;
  t.is(d.length, 10);
  t.is(run.drawn, 8);
  t.log(`critic ${d.map((x) => x.toFixed(3)).join(", ")}`);
  t.true(d.every(Number.isFinite));
  t.true(ends(d).last < ends(d).first, `critic ${d.join(", ")}`);
  t.truthy(run.png);
});
