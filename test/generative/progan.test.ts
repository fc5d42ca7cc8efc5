import test from "ava";
import * as dl from "dl-lang/runtime";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

/** The fade-in counters (`….t` buffers) of a model, read from its variables. */
function fadeCounters(model: dl.Module): number[] {
  return [...model.namedVariables()].filter(([name]) => /\.fade_?\d*\.t$/.test(name)).map(([, v]) => v.dataSync()[0]!);
}

test("ProGAN: both least-squares losses fall from the random initial scores, and the fade-in α ramps with training calls", async (t) => {
  const steps = 6;
  const run = await runRecipe("progan-mnist.dl", steps, 128);
  const d = run.losses["loss_optD"]!;
  const g = run.losses["loss_optG"]!;
  t.is(d.length, steps);
  t.true(ends(d).last < ends(d).first, `D ${d.map((v) => v.toFixed(3)).join(", ")}`);
  t.log(`D ${d.map((v) => v.toFixed(3)).join(", ")}; G ${g.map((v) => v.toFixed(3)).join(", ")}`);
  // The equalized layers start with scores of unit scale; in the first steps both players pull them toward their targets.
  t.true(ends(g).last < ends(g).first, `G ${g.map((v) => v.toFixed(3)).join(", ")}`);
  const { G, D } = run.setup.models as Record<string, dl.Module>;
  // Per step D runs in training mode on x and on G(z) (D step) and on G(z) (G step); G once per step's closure.
  t.deepEqual(fadeCounters(G!), [2 * steps]);
  t.deepEqual(fadeCounters(D!), [3 * steps]);
  t.truthy(run.png);
});
