import { existsSync } from "node:fs";
import test from "ava";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

// MNIST digits <-> Fashion-MNIST items (zip): needs Debian's dataset-fashion-mnist.
const fashion = existsSync(process.env.DL_FASHION_MNIST ?? "/usr/share/datasets/fashion-mnist");

(fashion ? test : test.skip)("CycleGAN: the generators' loss (LSGAN + cycle + identity) falls on unpaired MNIST / Fashion-MNIST", async (t) => {
  const run = await runRecipe("cyclegan-mnist.dl", 6, 96);
  const g = run.losses["loss_optG"]!;
  const d = run.losses["loss_optD"]!;
  t.is(g.length, 6);
  t.true(ends(g, 2).last < ends(g, 2).first, `G ${g.join(", ")}`);
  t.true(d.every(Number.isFinite));
  t.log(`G ${g.map((v) => v.toFixed(3)).join(", ")}; D ${d.map((v) => v.toFixed(3)).join(", ")}`);
  t.truthy(run.png);
});
