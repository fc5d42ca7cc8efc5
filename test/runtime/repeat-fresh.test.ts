/**
 * `repeat n fresh` (test/golden/codegen/train-repeat-fresh.dl): each critic step draws the next
 * batch of the loop's data, the generator step sees the batch its iteration started with, an
 * epoch ends when the data runs out (in the middle of a repeat too: the repeat stops, the step
 * after it runs), and a run stopped mid-epoch resumes at the right batch. Each traced loss is the
 * mean of the batch its step saw, compared with the data set's batches in order.
 */
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { pipeline } from "../../cli/load.js";
import { importGenerated } from "../../cli/runtime-module.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);
const tmp = mkdtempSync(join(tmpdir(), "dl-fresh-"));
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

async function program(): Promise<() => dl.TrainProgram> {
  const emitted = await pipeline.emitted(resolve("test/golden/codegen/train-repeat-fresh.dl"));
  if (emitted.code === undefined) throw new Error("train-repeat-fresh.dl has errors");
  return (await importGenerated(emitted.code)).fresh as () => dl.TrainProgram;
}

/** The mean of every batch of one epoch of `points`, in the engine's order (not shuffled). */
function batchMeans(make: () => dl.TrainProgram): number[] {
  const setup = make().build(new dl.Rng(1));
  const out: number[] = [];
  for (const batch of setup.data.points!.epoch(0)) {
    out.push(tf.tidy(() => tf.mean(batch[0]!).dataSync()[0]!));
    tf.dispose(batch);
  }
  return out;
}

const close = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-5);

test("the critic sees the next batch at every step; 10 batches make 4 loop steps an epoch, the last with one critic step", async (t) => {
  const make = await program();
  const means = batchMeans(make);
  t.is(means.length, 10);
  t.is(new Set(means.map((m) => m.toFixed(5))).size, 10, "the batches differ");
  const r = await dl.run(make(), { quiet: true, trace: true, outDir: join(tmp, "full") });
  t.is(r.steps, 8, "4 loop steps per epoch, 2 epochs");
  t.deepEqual(r.history.map((h) => h.step), [4, 8]);
  const of = (name: string) => r.trace.filter((x) => x.name === name);
  const critic = of("loss_optD");
  const gen = of("loss_optG");
  t.is(critic.length, 20, "every batch of both epochs gets one critic step");
  t.is(gen.length, 8);
  // Epoch after epoch the critic walks through the batches in order; the generator's step sees
  // batches 0, 3, 6 and 9, the first of each iteration.
  t.true(close(critic.map((x) => x.value), [...means, ...means]), `critic saw ${critic.map((x) => x.value.toFixed(4)).join(", ")}\nbatches  ${means.map((m) => m.toFixed(4)).join(", ")}`);
  t.deepEqual(critic.map((x) => x.step), [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8]);
  t.true(close(gen.map((x) => x.value), [0, 3, 6, 9, 0, 3, 6, 9].map((i) => means[i]!)));
});

test("a run stopped after 2 loop steps (6 batches) resumes at batch 6 and ends as an uninterrupted run", async (t) => {
  const make = await program();
  const full = await dl.run(make(), { quiet: true, trace: true, outDir: join(tmp, "ref") });
  const half = await dl.run(make(), { quiet: true, trace: true, outDir: join(tmp, "half"), maxSteps: 2, evaluateOnStop: false });
  t.is(half.steps, 2);
  const resumed = await dl.run(make(), { quiet: true, trace: true, outDir: join(tmp, "half"), resume: true });
  t.is(resumed.steps, 8);
  const values = (tr: { name: string; value: number }[]) => tr.map((x) => `${x.name} ${x.value.toFixed(6)}`);
  t.deepEqual([...values(half.trace), ...values(resumed.trace)], values(full.trace));
  t.deepEqual(resumed.history.map((h) => [h.step, h.loss_optD?.toFixed(6), h.loss_optG?.toFixed(6)]), full.history.map((h) => [h.step, h.loss_optD?.toFixed(6), h.loss_optG?.toFixed(6)]));
});
