/**
 * Runs a generative recipe from `examples/` for a few steps on a small slice of its data: the
 * `.dl` file is compiled by the document pipeline, the emitted module is imported, and the
 * loop's step function is driven directly with a tracing `StepContext`, so a test can read every
 * loss after every step and render the program's sample grid.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { safeName } from "../../compiler/check/names.js";
import { repoRoot } from "../compiler/golden.js";

const pipeline = new DocumentPipeline();

export interface RecipeRun {
  /** Each loss name's value after every step, in order. */
  losses: Record<string, number[]>;
  /** The sample grid of the program, as PNG bytes (undefined when it declares no samples). */
  png?: Buffer;
  setup: dl.TrainSetup;
  /** Batches that `repeat n fresh` drew beyond the loop's own. */
  drawn: number;
}

/**
 * Compiles `examples/<file>` (or the absolute path `file`), swaps each data source for `examples` images of its test split
 * (so a test loads little), and runs `steps` loop steps of its first train block (or of `train`).
 */
export async function runRecipe(file: string, steps: number, examples = 256, train?: string): Promise<RecipeRun> {
  const path = isAbsolute(file) ? file : join(repoRoot, "examples", file);
  const emitted = await pipeline.emitted(path);
  const errors = emitted.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || emitted.code === undefined) throw new Error(`${file}: ${errors.map((d) => d.message).join("; ")}`);
  const code = emitted.code.replace(/dl\.data\.(mnist|fashionMnist)\(\{ split: "(train|test)" \}\)/g, `dl.data.$1({ split: "test" }).take(${examples})`);
  const dir = join(repoRoot, ".cache/test-generative");
  mkdirSync(dir, { recursive: true });
  const modulePath = join(dir, `${basename(file, ".dl")}.ts`);
  writeFileSync(modulePath, code);
  const module = (await import(pathToFileURL(modulePath).href)) as Record<string, () => dl.TrainProgram>;
  const program = module[safeName(train ?? emitted.trains[0]!.name)]!();
  const setup = program.build(new dl.Rng(program.seed));
  const s = new dl.train.StepContext(program.source, true);
  const loop = setup.loop;
  if (!("over" in loop)) throw new Error(`${file}: not a loop over data`);
  const data = setup.data[loop.over]!;
  for (let epoch = 0; s.step < steps; epoch++) {
    const it = data.epoch(epoch, 0, 1);
    // `repeat n fresh` draws the epoch's next batches, as the engine lets it.
    s.draw = () => {
      const next = it.next();
      return next.done ? undefined : next.value;
    };
    for (let next = it.next(); !next.done; next = it.next()) {
      const batch = next.value;
      if (s.step >= steps) {
        tf.dispose(batch);
        break;
      }
      tf.tidy(() => loop.step(batch, s));
      tf.dispose(batch);
      s.step++;
    }
  }
  await s.settle(); // webgpu in Node reads only asynchronously
  const losses: Record<string, number[]> = {};
  for (const { name, value } of s.trace) (losses[name] ??= []).push(value);
  s.reset();
  let png: Buffer | undefined;
  if (setup.samples) {
    const images = tf.tidy(() => setup.samples!(new dl.Rng(program.seed).child("samples")));
    await images.data();
    png = dl.sampleGridPng(images);
    images.dispose();
  }
  return { losses, png, setup, drawn: s.drawn };
}

/** Mean of the first and last `n` values: a trend that one noisy step cannot flip. */
export function ends(values: number[], n = 3): { first: number; last: number } {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { first: mean(values.slice(0, n)), last: mean(values.slice(-n)) };
}
