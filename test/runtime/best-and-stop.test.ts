/**
 * `checkpoint best`, `stop early` and `--max-steps` evaluation, on the generated code of
 * test/golden/codegen/train-best-early-stop.dl (blobs, a few milliseconds per epoch).
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { blobs_best } from "../golden/codegen/train-best-early-stop.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-best-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));
const base = { backend: "wasm", quiet: true } as const;

/** The program with its watches replaced (the metric names are the generated ones). */
const variant = (o: Partial<dl.TrainProgram>): dl.TrainProgram => ({ ...blobs_best(), ...o });

test.serial("checkpoint best keeps the epoch with the best metric; best.json names it; its weights reproduce the value", async (t) => {
  const outDir = path.join(tmp, "best");
  const r = await dl.run(variant({ stopEarly: undefined, epochs: 6 }), { ...base, outDir });
  const rows = r.history;
  const bestRow = rows.reduce((b, row) => (row.held_accuracy! > b.held_accuracy! ? row : b));
  const record = JSON.parse(fs.readFileSync(path.join(outDir, "best.json"), "utf8")) as dl.checkpoint.BestRecord;
  t.like(record, { metric: "held_accuracy", mode: "max", epoch: bestRow.epoch, value: bestRow.held_accuracy, checkpoint: "checkpoints/best" });
  t.deepEqual(r.best, record);
  // Loading the best weights into a fresh model gives the recorded accuracy again.
  const prog = blobs_best();
  const setup = prog.build(new dl.Rng(prog.seed));
  const { tensors } = dl.checkpoint.readWeights(path.join(outDir, "checkpoints", "best", "models", "net"));
  for (const [name, v] of setup.models.net!.namedVariables()) v.assign(tensors.get(name)!);
  tf.dispose([...tensors.values()]);
  const metrics = await dl.train.evaluate(setup.evaluate!, setup.data.held!);
  t.is(Math.fround(metrics.accuracy!), Math.fround(record.value));
});

test.serial("stop early ends the run after `patience` epochs without improvement, and a resume stops again", async (t) => {
  const outDir = path.join(tmp, "stop");
  // lr 0: the loss never improves after the first epoch, so patience 2 stops after epoch 3.
  const frozen = (): dl.TrainProgram => {
    const p = variant({ epochs: 20, stopEarly: { metric: "held_loss", mode: "min", patience: 2 } });
    const build = p.build;
    return { ...p, build: (rng) => ({ ...build(rng), optimizers: {} }) };
  };
  const frozenLoop = (): dl.TrainProgram => {
    const p = frozen();
    const build = p.build;
    return { ...p, build: (rng) => ({ ...build(rng), loop: { over: "points", step: () => {} } }) };
  };
  const r = await dl.run(frozenLoop(), { ...base, outDir });
  t.is(r.history.length, 3);
  t.regex(r.stopped ?? "", /held_loss has not improved \(min\) for 2 epochs \(patience 2\); its best, [\d.]+, was at epoch 1/);
  const again = await dl.run(frozenLoop(), { ...base, outDir, resume: true });
  t.is(again.history.length, 3);
  t.is(again.steps, r.steps);
});

test.serial("--max-steps in the middle of an epoch still evaluates: the partial row carries the metrics", async (t) => {
  const outDir = path.join(tmp, "short");
  const r = await dl.run(blobs_best(), { ...base, outDir, maxSteps: 3 });
  t.is(r.steps, 3);
  t.is(r.history.length, 1);
  t.like(r.history[0], { epoch: 1, step: 3, partial: 1 });
  t.true(r.history[0]!.held_accuracy! >= 0 && r.history[0]!.held_accuracy! <= 1);
  t.true(fs.readFileSync(path.join(outDir, "history.jsonl"), "utf8").includes('"partial":1'));
  t.regex(r.stopped ?? "", /max steps/);
  // A resume continues from whole epochs: the partial row is gone, the run finishes normally.
  const done = await dl.run(variant({ epochs: 2, stopEarly: undefined }), { ...base, outDir, resume: true });
  t.deepEqual(done.history.map((h) => [h.epoch, h.partial]), [[1, undefined], [2, undefined]]);
});
