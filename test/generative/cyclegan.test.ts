import test from "ava";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

test("CycleGAN: the generators' loss (LSGAN + cycle + identity) falls", async (t) => {
  const run = await runRecipe("cyclegan-mnist.dl", 6, 96);
  const g = run.losses["loss_optG"]!;
  const d = run.losses["loss_optD"]!;
  t.is(g.length, 6);
  t.true(ends(g, 2).last < ends(g, 2).first, `G ${g.join(", ")}`);
  t.true(d.every(Number.isFinite));
  t.truthy(run.png);
});
