import test from "ava";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

const PNG_SIGNATURE = "89504e470d0a1a0a";

test("autoencoder: the reconstruction loss falls", async (t) => {
  const run = await runRecipe("autoencoder-mnist.dl", 20);
  const { first, last } = ends(run.losses["loss"]!);
  t.true(last < first * 0.8, `bce ${first.toFixed(3)} → ${last.toFixed(3)}`);
  t.is(run.png!.subarray(0, 8).toString("hex"), PNG_SIGNATURE);
});

test("sparse autoencoder: reconstruction plus KL penalty falls", async (t) => {
  const run = await runRecipe("sparse-autoencoder-mnist.dl", 20);
  const { first, last } = ends(run.losses["loss"]!);
  t.true(last < first * 0.8, `loss ${first.toFixed(3)} → ${last.toFixed(3)}`);
  t.truthy(run.png);
});

test("denoising autoencoder: the clean-target loss falls on Fashion-MNIST", async (t) => {
  const run = await runRecipe("denoising-autoencoder-fashion.dl", 20);
  const { first, last } = ends(run.losses["loss"]!);
  t.true(last < first * 0.8, `bce ${first.toFixed(3)} → ${last.toFixed(3)}`);
  t.truthy(run.png);
});

test("VAE: the negative ELBO falls from about 543 nats (784·ln 2)", async (t) => {
  const run = await runRecipe("vae-mnist.dl", 20);
  const losses = run.losses["loss"]!;
  t.true(Math.abs(losses[0]! - 543) < 30, `first loss ${losses[0]}`);
  const { first, last } = ends(losses);
  t.true(last < first * 0.7, `elbo ${first.toFixed(1)} → ${last.toFixed(1)}`);
  t.truthy(run.png);
});
