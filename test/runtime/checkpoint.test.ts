import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";
import { Tiny } from "./fixtures/tiny-program.js";

test.before(useWasm);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-ckpt-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

const position = { step: 3, epoch: 1, batch: 2, rng: { "net/drop": 4 }, history: [], accumulators: {} };

test("save then load restores weights, buffers and optimizer slots by stable name", async (t) => {
  const a = new Tiny(null, "net", new dl.Rng(1));
  const optA = dl.optim.adam(a, { lr: 0.1 });
  optA.minimize(() => tf.sum(a.fc.kernel)).dispose();
  await dl.checkpoint.saveCheckpoint(tmp, { models: { net: a }, optimizers: { opt: optA } }, position);

  const b = new Tiny(null, "net", new dl.Rng(2));
  const optB = dl.optim.adam(b, { lr: 0.1 });
  const loaded = dl.checkpoint.loadCheckpoint(tmp, { models: { net: b }, optimizers: { opt: optB } });
  t.deepEqual(loaded, position);
  for (const [name, v] of a.namedVariables()) t.deepEqual(b.namedVariables().get(name)!.dataSync(), v.dataSync(), name);
  t.is(optB.step, 1);
  t.deepEqual(optB.state().slots.get("net.fc.kernel/m")!.dataSync(), optA.state().slots.get("net.fc.kernel/m")!.dataSync());
  a.dispose();
  b.dispose();
});

test("the two newest checkpoints are kept; latest.json points at a complete folder", async (t) => {
  const m = new Tiny(null, "net", new dl.Rng(1));
  const subject = { models: { net: m }, optimizers: {} };
  await dl.checkpoint.saveCheckpoint(path.join(tmp, "run"), subject, position);
  await dl.checkpoint.saveCheckpoint(path.join(tmp, "run"), subject, { ...position, step: 6 });
  await dl.checkpoint.saveCheckpoint(path.join(tmp, "run"), subject, { ...position, step: 9 });
  t.deepEqual(fs.readdirSync(path.join(tmp, "run", "checkpoints")).sort(), ["latest.json", "step-00000006", "step-00000009"]);
  t.false(fs.readdirSync(path.join(tmp, "run", "checkpoints")).some((f) => f.includes(".tmp")));
  t.is(dl.checkpoint.loadCheckpoint(path.join(tmp, "run"), subject)!.step, 9);
  t.is(dl.checkpoint.loadCheckpoint(path.join(tmp, "none"), subject), null);
  m.dispose();
});

test("loading into a model of another shape names the variable", async (t) => {
  const m = new Tiny(null, "net", new dl.Rng(1));
  await dl.checkpoint.saveCheckpoint(path.join(tmp, "shape"), { models: { net: m }, optimizers: {} }, position);
  const other = new dl.layers.Dense(null, "net", { inFeatures: 3, units: 3 });
  t.throws(() => dl.checkpoint.loadCheckpoint(path.join(tmp, "shape"), { models: { net: other }, optimizers: {} }), {
    message: /variable net\.kernel \[3, 3\] is missing/,
  });
  m.dispose();
  other.dispose();
});
