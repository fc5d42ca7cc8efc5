import { execFileSync } from "node:child_process";
import { join } from "node:path";
import test from "ava";
import { repoRoot } from "../compiler/golden.js";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

const LN4 = 2 * Math.log(2);

test("LAPGAN: every level's discriminator starts at 2 ln 2 and falls; the chained sampler draws 28×28 digits", async (t) => {
  const run = await runRecipe("lapgan-mnist.dl", 10, 256);
  for (const level of ["2", "1", "0"]) {
    const d = run.losses[`loss_optD${level}`]!;
    t.is(d.length, 10);
    t.true(Math.abs(d[0]! - LN4) < 0.3, `level ${level}: first D loss ${d[0]}`);
    t.true(ends(d).last < ends(d).first, `level ${level}: D ${d.map((v) => v.toFixed(3)).join(", ")}`);
    t.is(run.losses[`loss_optG${level}`]!.length, 10);
  }
  t.truthy(run.png);
});

const params = (model: string) =>
  (JSON.parse(execFileSync(process.execPath, [join(repoRoot, "cli/dl.mjs"), "summary", join(repoRoot, "stdlib/generative/lapgan.dl"), model, "--json"], { encoding: "utf8" })) as { totalParams: number }).totalParams;

test("LAPGAN parameter counts by hand: coarse MLP 104,241; level generator 38,721; the 28×28 sampler 181,683", (t) => {
  const dense = (i: number, o: number) => i * o + o;
  const conv = (k: number, c: number, f: number) => k * k * c * f + f;
  const coarse = dense(100, 256) + dense(256, 256) + dense(256, 49);
  const level = conv(3, 2, 64) + conv(3, 64, 64) + conv(3, 64, 1);
  t.is(coarse, 104_241);
  t.is(level, 38_721);
  t.is(params("LapGANCoarseGenerator"), coarse);
  t.is(params("LapGANCoarseDiscriminator"), dense(49, 256) + dense(256, 256) + dense(256, 1));
  t.is(params("LapGANLevelGenerator"), level);
  t.is(params("LapGAN28"), coarse + 2 * level);
});
