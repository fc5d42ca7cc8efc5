/**
 * Anything `dl check` accepts, `dl run` runs, on a seeded corpus of random programs built from
 * registry entries (test/corpus/random-programs.ts): each program the checker accepts trains
 * one step with finite loss. The accepted programs share one document (one compile, one import).
 * A program the checker refuses is not a failure here, but the count is logged.
 */
import test from "ava";
import { join } from "node:path";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { Workspace } from "../../compiler/workspace/workspace.js";
import { rng } from "../registry/samples.js";
import { cache, compile, runOneStep } from "./harness.js";
import { randomProgram, type RandomProgram } from "./random-programs.js";

/** Programs drawn, and the seed: a failure names the program so it can become a regression case. */
const PROGRAMS = 40;
const SEED = 20261202;

test("random programs the checker accepts run a training step", async (t) => {
  const r = rng(SEED);
  const programs: RandomProgram[] = [];
  for (let k = 0; programs.length < PROGRAMS && k < PROGRAMS * 3; k++) {
    const p = randomProgram(k, r);
    if (p) programs.push(p);
  }
  const one = join(cache, "one-program.dl");
  let current = "";
  const checker = new DocumentPipeline(new Workspace({ read: (p) => (p === one ? current : undefined) }));
  const accepted: RandomProgram[] = [];
  const refused: string[] = [];
  for (const p of programs) {
    current = p.text;
    const errors = checker.checked(one).diagnostics.filter((d) => d.severity === "error");
    if (errors.length) refused.push(`${p.stages}: ${errors[0]!.code} ${errors[0]!.message}`);
    else accepted.push(p);
  }
  t.log(`${programs.length} programs, ${accepted.length} accepted by the checker, ${refused.length} refused`);
  for (const x of refused) t.log(`refused: ${x}`);
  const c = await compile(join(cache, "generated-corpus.dl"), accepted.map((p) => p.text).join("\n"));
  if (c.errors.length) return t.fail(c.errors.join("\n"));
  const crashes: string[] = [];
  for (const p of accepted) {
    try {
      const run = await runOneStep(c, p.name);
      if (run.steps !== 1 || !run.losses.every((l) => Number.isFinite(l.value))) crashes.push(`${p.stages}: ${run.steps} steps, losses ${run.losses.map((l) => l.value).join(", ")}`);
    } catch (err) {
      crashes.push(`${p.stages}: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  t.true(accepted.length >= PROGRAMS / 2, "most random programs are valid");
  t.deepEqual(crashes, []);
});
