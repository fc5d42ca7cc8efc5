import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { safeName } from "../../compiler/check/names.js";
import { repoRoot } from "../compiler/golden.js";
import { useWasm } from "../runtime/fixtures/backend.js";
import { ends, runRecipe } from "./recipe-harness.js";

test.before(useWasm);

/** The fade-in counters (`….t` buffers) of a model, read from its variables. */
function fadeCounters(model: dl.Module): number[] {
  return [...model.namedVariables()].filter(([name]) => /\.fade_?\d*\.t$/.test(name)).map(([, v]) => v.dataSync()[0]!);
}

test("ProGAN: both least-squares losses fall from the random initial scores, and the fade-in α ramps with training calls", async (t) => {
  const steps = 6;
  const run = await runRecipe("progan-mnist.dl", steps, 128, "progan");
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

test("ProGAN's stages chained in one program: 4 → 8 → 16 → 32, each starting from the previous stage's final weights", async (t) => {
  const emitted = await new DocumentPipeline().emitted(join(repoRoot, "examples/progan-mnist.dl"));
  if (!emitted.code) return t.fail(emitted.diagnostics.map((d) => d.message).join("\n"));
  const stages = emitted.trains.map((x) => x.name);
  t.deepEqual(stages, ["stage4", "stage8", "stage16", "progan"]);
  // A small slice of the test digits, as the recipe harness does.
  const code = emitted.code.replace(/dl\.data\.mnist\(\{ split: "train" \}\)/g, `dl.data.mnist({ split: "test" }).take(64)`);
  const dir = join(repoRoot, ".cache/test-generative");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "progan-chain.ts"), code);
  const module = (await import(pathToFileURL(join(dir, "progan-chain.ts")).href)) as Record<string, () => dl.TrainProgram>;
  const runs = mkdtempSync(join(tmpdir(), "dl-progan-"));
  t.teardown(() => rmSync(runs, { recursive: true, force: true }));
  const steps = 2;
  for (const [i, stage] of stages.entries()) {
    const program = module[safeName(stage)]!();
    const notes: string[] = [];
    const r = await dl.run(program, { backend: "wasm", outDir: join(runs, stage), maxSteps: steps, trace: true, evaluateOnStop: false, stream: { write: (x: string) => notes.push(x) } });
    t.is(r.steps, steps, stage);
    t.true(r.trace.every((e) => Number.isFinite(e.value)), `${stage}: ${r.trace.map((e) => e.value).join(", ")}`);
    const text = notes.join("");
    if (i > 0) {
      t.regex(text, new RegExp(`Initialised G from ${join(runs, stages[i - 1]!, "checkpoints").replace(/[\\/.]/g, "\\$&")}`), `${stage}: ${text}`);
      t.regex(text, /Initialised D from/);
    }
  }
  // Stage 8's generator starts from stage 4's stem (the weights it shares by name), its new
  // block fresh.
  const stage8 = module.stage8!();
  const G = stage8.build(new dl.Rng(stage8.seed)).models.G!;
  const fresh = G.namedVariables().get("G.up8.equalized_conv2d_0.kernel")!.dataSync().slice();
  dl.checkpoint.initModel(G, stage8.init!.find((x) => x.model === "G")!, { runsDir: runs, warn: (m) => t.fail(m) });
  const { tensors } = dl.checkpoint.readWeights(join(dl.predict.checkpointFolder(join(runs, "stage4"), "latest"), "models", "G"));
  for (const [name, v] of G.namedVariables()) {
    const saved = tensors.get(name);
    if (name.startsWith("G.stem.") || name.startsWith("G.rgb4.")) t.deepEqual([...v.dataSync()], [...saved!.dataSync()], name);
  }
  t.deepEqual([...G.namedVariables().get("G.up8.equalized_conv2d_0.kernel")!.dataSync()], [...fresh]);
  tf.dispose([...tensors.values()]);
});
