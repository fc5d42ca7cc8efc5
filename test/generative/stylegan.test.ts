import { execFileSync } from "node:child_process";
import { join } from "node:path";
import test from "ava";
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
