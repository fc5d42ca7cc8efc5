import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { repoRoot } from "../compiler/golden.js";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

// Over a dozen steps the discriminator's loss falls; the generator's oscillates as D improves
// (since ProGAN's discriminator is built from per-resolution stages its initial weights differ and
// D wins the first steps), so G is held to finite, bounded losses rather than a fall.
test("StyleGAN: the discriminator's least-squares loss falls over a few steps; the generator's stays finite", async (t) => {
  const run = await runRecipe("stylegan-mnist.dl", 12, 128);
  const d = run.losses["loss_optD"]!;
  const g = run.losses["loss_optG"]!;
  t.log(`D ${d.map((v) => v.toFixed(3)).join(", ")}; G ${g.map((v) => v.toFixed(3)).join(", ")}`);
  t.is(d.length, 12);
  t.true(ends(d).last < ends(d).first, `D ${d.join(", ")}`);
  t.is(g.length, 12);
  t.true(g.every((v) => Number.isFinite(v) && v < 4), `G ${g.join(", ")}`);
  t.truthy(run.png);
});

test("StyleGAN parameter counts: the canonical-width generator by hand (8,339,457) and ProGAN's discriminator (5,182,977)", (t) => {
  const params = (model: string) =>
    (JSON.parse(execFileSync(process.execPath, [join(repoRoot, "cli/dl.mjs"), "summary", join(repoRoot, "stdlib/generative/stylegan.dl"), model, "--json"], { encoding: "utf8" })) as { totalParams: number }).totalParams;
  const dense = (i: number, o: number) => i * o + o;
  const conv = (k: number, c: number, f: number) => k * k * c * f + f;
  const c = 256;
  const adain = dense(512, 2 * c);
  const noise = c;
  const mapping = 8 * dense(512, 512);
  const first = 4 * 4 * c + noise + adain + conv(3, c, c) + noise + adain;
  const block = 2 * (conv(3, c, c) + noise + adain);
  t.is(params("StyleMapping"), mapping);
  t.is(params("StyleGANGenerator32"), mapping + first + 3 * block + conv(1, c, 1));
  t.is(params("StyleGANDiscriminator32"), 2 * conv(1, 1, c) + 6 * conv(3, c, c) + conv(3, c + 1, c) + conv(4, c, c) + dense(c, 1));
});

/** A tiny StyleGAN recipe with the given truncation ψ and mixing probability, trained `steps` steps (same seed: same weights for every ψ). */
async function tinyStyleGAN(psi: number, mixing: number, steps = 3) {
  const dir = join(repoRoot, ".cache/test-generative");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `stylegan-psi${String(psi).replace(".", "_")}-mix${String(mixing).replace(".", "_")}.dl`);
  writeFileSync(
    file,
    `import { StyleGANDiscriminator32, StyleGANGenerator32 } from "std/generative/stylegan"
train tiny {
  seed 3
  data train = mnist(split="train") |> pad(2) |> scale(-1, 1) |> batch(8, shuffle=true)
  model G = StyleGANGenerator32(latent=8, w_dim=8, mapping=2, ch=4, mixing=${mixing.toFixed(2)}, psi=${psi.toFixed(2)})
  model D = StyleGANDiscriminator32(ch=4)
  optimizer optD = adam(D, lr=1e-3, beta1=0, beta2=0.99)
  optimizer optG = adam(G, lr=1e-3, beta1=0, beta2=0.99)
  epochs 1
  for (x, y) in train {
    let z = normal([B, 8])
    step optD minimize lsgan_d_loss(D(x), D(G(z)))
    step optG minimize lsgan_g_loss(D(G(z)))
  }
}
`,
  );
  const run = await runRecipe(file, steps, 32);
  const G = run.setup.models["G"]! as unknown as dl.Module & { apply(z: tf.Tensor, training: boolean): tf.Tensor };
  const vars = G.namedVariables();
  const find = (suffix: string) => [...vars].filter(([n]) => n.endsWith(suffix)).map(([, v]) => v);
  return {
    G,
    mean: find("truncation_0.mean")[0]!,
    /** Sets every noise scale to zero, so that an image depends on the styles alone. */
    silenceNoise: () => {
      for (const [n, v] of vars) if (/noise_injection_\d+\.weight$/.test(n)) v.assign(tf.zerosLike(v));
    },
  };
}

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
const latents = (n: number, seed: number) => dl.random.normal([n, 8], new dl.Rng(seed));

test("StyleGAN truncation: the running average of w moves in training; with ψ = 0 every sample is the mean-w image", async (t) => {
  const { G, mean, silenceNoise } = await tinyStyleGAN(0, 0.9);
  // 3 steps, G called twice per step: the average moved off its zero start.
  const m = mean.dataSync();
  t.true(Math.max(...m.map(Math.abs)) > 1e-4, `mean w ${[...m].join(", ")}`);
  silenceNoise();
  const images = G.apply(latents(6, 11), false);
  const first = tf.tile(tf.slice(images, [0, 0, 0, 0], [1, -1, -1, -1]), [6, 1, 1, 1]);
  t.true(maxDiff(images, first) < 1e-5, "ψ = 0: all samples equal");
  // The mean-w image: the truncation layer gives every example w̄, whatever z (other latents, other batch size).
  const trunc = (G as unknown as { truncation_0: dl.Module & { apply(w: tf.Tensor, training: boolean): tf.Tensor } }).truncation_0;
  const w = dl.random.normal([5, 8], new dl.Rng(5));
  t.true(maxDiff(trunc.apply(w, false), tf.tile(tf.reshape(mean, [1, 8]), [5, 1])) < 1e-6);
  t.true(maxDiff(G.apply(latents(2, 99), false), tf.slice(images, [0, 0, 0, 0], [2, -1, -1, -1])) < 1e-5, "other latents, the same mean-w image");
  t.true(tf.tidy(() => tf.moments(images).variance.dataSync()[0]!) > 0, "the mean-w image is not blank");
});

test("StyleGAN truncation: with ψ = 1 samples are unchanged (the average has no effect); ψ = 0.5 pulls them halfway", async (t) => {
  const one = await tinyStyleGAN(1, 0.9);
  const zero = await tinyStyleGAN(0, 0.9);
  // The same seed and steps: the same weights and average whatever ψ (ψ acts in inference only).
  t.true(maxDiff(one.mean, zero.mean) === 0);
  one.silenceNoise();
  const z = latents(4, 21);
  const before = one.G.apply(z, false);
  one.mean.assign(tf.fill(one.mean.shape, 3));
  t.true(maxDiff(one.G.apply(z, false), before) === 0, "ψ = 1 ignores the average");
  t.true(tf.tidy(() => tf.moments(tf.sub(before, tf.slice(before, [0, 0, 0, 0], [1, -1, -1, -1]))).variance.dataSync()[0]!) > 1e-8, "ψ = 1 samples differ");
  const trunc = (g: dl.Module) => (g as unknown as { truncation_0: { apply(w: tf.Tensor, training: boolean): tf.Tensor; options: { psi: number } } }).truncation_0;
  const half = trunc(one.G);
  half.options.psi = 0.5;
  const w = dl.random.normal([3, 8], new dl.Rng(8));
  t.true(maxDiff(half.apply(w, false), tf.add(tf.mul(w, 0.5), 1.5)) < 1e-6, "w̄ + ψ(w − w̄) at ψ = 0.5, w̄ = 3");
  // Training calls never truncate: w passes unchanged.
  t.true(maxDiff(trunc(zero.G).apply(w, true), w) === 0);
});

test("StyleGAN style mixing: in training, images depend on a second latent drawn inside the generator; without mixing, or in inference, they do not", async (t) => {
  const mixed = await tinyStyleGAN(1, 1, 1);
  const plain = await tinyStyleGAN(1, 0, 1);
  for (const g of [mixed, plain]) g.silenceNoise();
  const z = latents(8, 31);
  // Same z twice in training mode: with mixing the second latent (fresh per call) changes every image.
  const a = mixed.G.apply(z, true);
  const b = mixed.G.apply(z, true);
  const perImage = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b)), [1, 2, 3]).arraySync() as number[]);
  t.log(`mixing: per-image max |Δ| ${perImage.map((v) => v.toFixed(4)).join(", ")}`);
  t.true(perImage.every((v) => v > 1e-5), "every example mixed (prob 1) depends on its second latent");
  t.true(maxDiff(plain.G.apply(z, true), plain.G.apply(z, true)) < 1e-6, "mixing 0: the second latent is unused");
  t.true(maxDiff(mixed.G.apply(z, false), mixed.G.apply(z, false)) < 1e-6, "inference: no mixing");
});

test("style_mix: per-example crossovers, uniform over layers 1 … n − 1, w1 before and w2 from there on", (t) => {
  const mix = new dl.layers.StyleMix(null, "mix", { layers: 4, prob: 1 });
  const n = 400;
  const w1 = tf.zeros([n, 3]);
  const w2 = tf.ones([n, 3]);
  const ws = mix.apply(w1, w2, true).arraySync() as number[][][];
  const counts = [0, 0, 0, 0];
  for (const rows of ws) {
    const k = rows.findIndex((r) => r[0] === 1);
    t.true(k >= 1 && k <= 3);
    t.true(rows.every((r, l) => r.every((v) => v === (l < k ? 0 : 1))), "w1 before the crossover, w2 after");
    counts[k]!++;
  }
  t.log(`crossover counts ${counts.slice(1).join(", ")}`);
  for (const c of counts.slice(1)) t.true(c > n / 3 - 50 && c < n / 3 + 50);
  const none = new dl.layers.StyleMix(null, "none", { layers: 4, prob: 0 });
  t.is(maxDiff(none.apply(w1, w2, true), tf.zeros([n, 4, 3])), 0);
  const some = new dl.layers.StyleMix(null, "some", { layers: 4, prob: 0.9 });
  const mixedShare = tf.tidy(() => tf.mean(tf.max(some.apply(w1, w2, true), [1, 2])).dataSync()[0]!);
  t.true(Math.abs(mixedShare - 0.9) < 0.06, `share mixed ${mixedShare}`);
  t.is(maxDiff(mix.apply(w1, w2, false), tf.zeros([n, 4, 3])), 0, "inference: w1 everywhere");
});
