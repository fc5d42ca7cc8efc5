/**
 * Anything `dl check` accepts, `dl run` runs: every example checks clean, and each of its train
 * blocks runs one step through `dl.run` (batches of 2 where the program allows, 8 examples of
 * each MNIST-like data set; evaluation, samples and the stop's checkpoint included) with finite
 * losses.
 */
import test from "ava";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../compiler/golden.js";
import { compile, runOneStep } from "./harness.js";

const examples = readdirSync(join(repoRoot, "examples")).filter((f) => f.endsWith(".dl")).sort();

/**
 * Known failures, each with why (ava's test.failing: it fails the suite once it passes, so the
 * entry is removed with the fix).
 */
const knownFailures: Record<string, string> = {};

for (const file of examples) {
  (file in knownFailures ? test.serial.failing : test.serial)(`examples/${file}: every train block runs a step${file in knownFailures ? ` (known failure: ${knownFailures[file]})` : ""}`, async (t) => {
    const c = await compile(join(repoRoot, "examples", file));
    if (c.errors.length) return t.fail(c.errors.join("\n"));
    t.true(c.trains.length > 0, "an example has a train block");
    for (const name of c.trains) {
      const r = await runOneStep(c, name);
      t.log(`train ${name}${c.smallBatches ? " (batches of 2)" : ""}: ${r.losses.map((l) => `${l.name} ${l.value.toPrecision(4)}`).join(", ")}`);
      t.is(r.steps, 1, name);
      for (const l of r.losses) t.true(Number.isFinite(l.value), `${name}: ${l.name} is ${l.value}`);
    }
  });
}
