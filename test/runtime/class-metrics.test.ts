/**
 * The evaluate block's classification metrics on both engines: top-k accuracy, and macro precision,
 * recall and F1 and the confusion matrix counted over the whole evaluation set, against values
 * worked out by hand under scikit-learn's conventions (`average="macro"` over the classes that occur
 * as a label or a prediction; a class never predicted has precision 0). An end-to-end `dl run` on
 * each engine writes the matrix CSV into the run folder and names it in history.jsonl.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "../../runtime/index.js";
import { pythonEnv } from "../../cli/torch-engine.js";
import { bothEngines, driver, python, tempDir, torchTest, torchrun } from "../torch/torch-helpers.js";
import type { Batched } from "../../runtime/data/batched.js";

/**
 * Eight examples over four classes. Truth [0,0,0,1,1,2,2,2], arg-max [0,0,1,1,0,1,1,0]: class 2 is
 * never predicted, class 3 neither a label nor a prediction (so the macro average leaves it out).
 * The label's rank among the scores: 1,1,2,1,3,2,4,2.
 */
const logits = [
  [3, 1, 0, -1],
  [2, 1.5, 0, -1],
  [1, 2, 0.5, -1],
  [0, 2, 1, -1],
  [2, 0, 1, -1],
  [0, 2, 1, -1],
  [1, 2, -0.5, 0],
  [2, 0, 1, -1],
];
const labels = [0, 0, 0, 1, 1, 2, 2, 2];

/**
 * By hand. Confusion (rows true, columns predicted): [[2,1,0,0],[1,1,0,0],[1,2,0,0],[0,0,0,0]].
 * Precision per class 2/4, 1/4, 0 (never predicted): macro 0.25. Recall 2/3, 1/2, 0: macro 7/18.
 * F1 4/7, 1/3, 0: macro 19/63. Top-k: 3/8 (k=1), 6/8, 7/8, 8/8.
 */
const expected = {
  confusion: [
    [2, 1, 0, 0],
    [1, 1, 0, 0],
    [1, 2, 0, 0],
    [0, 0, 0, 0],
  ],
  precision: 0.25,
  recall: 7 / 18,
  f1: 19 / 63,
  topK: [3 / 8, 6 / 8, 7 / 8, 1],
};

test.before(async () => {
  await dl.selectBackend("wasm");
});

const close = (t: { true(v: boolean, m?: string): void }, got: number, want: number, what: string) => t.true(Math.abs(got - want) < 1e-6, `${what}: ${got}, expected ${want}`);

test("tfjs: top-k accuracy, confusion counts and macro precision/recall/F1 equal the hand-worked values", async (t) => {
  const x = tf.tensor2d(logits);
  const y = tf.tensor1d(labels, "int32");
  for (let k = 1; k <= 4; k++) close(t, (await dl.metrics.topKAccuracy(x, y, k).data())[0]!, expected.topK[k - 1]!, `top-${k}`);
  close(t, (await dl.metrics.accuracy(x, y).data())[0]!, expected.topK[0]!, "accuracy = top-1");
  const counts = (await dl.metrics.confusionCounts(x, y).array()) as number[][];
  t.deepEqual(counts, expected.confusion);
  // One-hot labels give the same counts.
  t.deepEqual(await dl.metrics.confusionCounts(x, tf.oneHot(y, 4)).array(), expected.confusion);
  close(t, dl.metrics.macro("precision", counts), expected.precision, "precision");
  close(t, dl.metrics.macro("recall", counts), expected.recall, "recall");
  close(t, dl.metrics.macro("f1", counts), expected.f1, "f1");
  // Ties count in the label's favour: the label's score is not below k others.
  close(t, (await dl.metrics.topKAccuracy(tf.tensor2d([[1, 1, 0]]), tf.tensor1d([1], "int32"), 1).data())[0]!, 1, "tie");
  t.is(dl.metrics.confusionCsv([[2, 1], [0, 3]]), "true\\predicted,0,1\n0,2,1\n1,0,3\n");
});

/** The fixed case as a data set of two batches, of 3 and 5 examples. */
function twoBatches(): Batched {
  return {
    epoch: function* () {
      yield [tf.tensor2d(logits.slice(0, 3)), tf.tensor1d(labels.slice(0, 3), "int32")];
      yield [tf.tensor2d(logits.slice(3)), tf.tensor1d(labels.slice(3), "int32")];
    },
  } as unknown as Batched;
}

test("tfjs: evaluate sums the confusion counts over the batches, it does not average batch values", async (t) => {
  const spec: dl.train.TrainEvaluate = {
    over: "test",
    metrics: ([x, y]) => ({
      top2: dl.metrics.topKAccuracy(x!, y!, 2),
      p: dl.metrics.confusionCounts(x!, y!),
      r: dl.metrics.confusionCounts(x!, y!),
      f: dl.metrics.confusionCounts(x!, y!),
      cm: dl.metrics.confusionCounts(x!, y!),
    }),
    totals: { p: "precision", r: "recall", f: "f1", cm: "confusion" },
  };
  const { values, matrices } = await dl.train.evaluateSet(spec, twoBatches());
  close(t, values.top2!, expected.topK[1]!, "top2");
  close(t, values.p!, expected.precision, "precision");
  close(t, values.r!, expected.recall, "recall");
  close(t, values.f!, expected.f1, "f1");
  t.deepEqual(matrices.cm, expected.confusion);
  t.false("cm" in values);
  // The size-weighted mean of the two batches' own recalls is another number: (1/3·3 + 1/6·5) / 8.
  const batch = async (from: number, to: number) => dl.metrics.macro("recall", (await dl.metrics.confusionCounts(tf.tensor2d(logits.slice(from, to)), tf.tensor1d(labels.slice(from, to), "int32")).array()) as number[][]);
  const averaged = ((await batch(0, 3)) * 3 + (await batch(3, 8)) * 5) / 8;
  close(t, averaged, (1 + 5 / 6) / 8, "recall averaged per batch");
  t.true(Math.abs(averaged - expected.recall) > 0.1, `per-batch average ${averaged}`);
});

const torchScript = `
import json, torch
from dl_torch import metrics
from dl_torch.train import evaluate_set
x = torch.tensor(${JSON.stringify(logits)}, dtype=torch.float32)
y = torch.tensor(${JSON.stringify(labels)})
out = {"topK": [float(metrics.topKAccuracy(x, y, k)) for k in range(1, 5)]}
counts = metrics.confusionCounts(x, y).tolist()
out["confusion"] = counts
out["onehot"] = metrics.confusionCounts(x, torch.nn.functional.one_hot(y, 4)).tolist()
out["tie"] = float(metrics.topKAccuracy(torch.tensor([[1.0, 1.0, 0.0]]), torch.tensor([1]), 1))
for k in ("precision", "recall", "f1"):
    out[k] = metrics.macro(k, counts)
class Two:
    def epoch(self, _):
        yield [x[:3], y[:3]]
        yield [x[3:], y[3:]]
spec = {"metrics": lambda b: {"top2": metrics.topKAccuracy(b[0], b[1], 2), "p": metrics.confusionCounts(*b), "f": metrics.confusionCounts(*b), "cm": metrics.confusionCounts(*b)}, "totals": {"p": "precision", "f": "f1", "cm": "confusion"}}
values, matrices = evaluate_set(spec, Two())
out["set"] = {"values": values, "matrices": matrices}
out["csv"] = metrics.confusion_csv([[2, 1], [0, 3]])
print(json.dumps(out))
`;

torchTest("torch: the same values from dl_torch, and evaluate_set sums counts over batches", (t) => {
  const r = spawnSync(python!, ["-c", torchScript], { encoding: "utf8", env: pythonEnv() });
  t.is(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as Record<string, unknown> & { topK: number[]; set: { values: Record<string, number>; matrices: Record<string, number[][]> } };
  got.topK.forEach((v, i) => close(t, v, expected.topK[i]!, `top-${i + 1}`));
  t.deepEqual(got.confusion, expected.confusion);
  t.deepEqual(got.onehot, expected.confusion);
  close(t, got.tie as number, 1, "tie");
  close(t, got.precision as number, expected.precision, "precision");
  close(t, got.recall as number, expected.recall, "recall");
  close(t, got.f1 as number, expected.f1, "f1");
  close(t, got.set.values.top2!, expected.topK[1]!, "top2 over batches");
  close(t, got.set.values.p!, expected.precision, "precision over batches");
  close(t, got.set.values.f!, expected.f1, "f1 over batches");
  t.deepEqual(got.set.matrices.cm, expected.confusion);
  t.is(got.csv, "true\\predicted,0,1\n0,2,1\n1,0,3\n");
});

const program = `
model Net() {
  input x: f32[B, 4]
  return x |> dense(3)
}

train metrics_run {
  seed 3
  data train = blobs(n=60, centers=3, features=4) |> batch(20, shuffle=true)
  data test = blobs(n=45, centers=3, features=4) |> batch(20)
  model net = Net()
  optimizer opt = sgd(net, lr=0.01)
  epochs 2
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
  evaluate (x, y) in test {
    let logits = net(x)
    metric top2 = top_k_accuracy(logits, y, k=2)
    metric f = f1(logits, y)
    metric cm = confusion_matrix(logits, y)
  }
  checkpoint best max f
}
`;

/** Checks a finished run folder: two epochs' matrices of 45 examples, named in the history. */
function checkRunFolder(t: { is(a: unknown, b: unknown, m?: string): void; true(v: boolean, m?: string): void; deepEqual(a: unknown, b: unknown): void }, out: string): void {
  const rows = fs.readFileSync(path.join(out, "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  t.is(rows.length, 2);
  for (const [i, row] of rows.entries()) {
    t.is(row.test_cm, `test_cm/epoch-${i + 1}.csv`);
    t.true(typeof row.test_f === "number" && typeof row.test_top2 === "number", JSON.stringify(row));
    const csv = fs.readFileSync(path.join(out, "test_cm", `epoch-${i + 1}.csv`), "utf8").trim().split("\n");
    t.is(csv[0], "true\\predicted,0,1,2");
    const cells = csv.slice(1).map((l) => l.split(",").map(Number));
    t.deepEqual(cells.map((c) => c[0]), [0, 1, 2]);
    t.is(cells.flatMap((c) => c.slice(1)).reduce((a, b) => a + b, 0), 45);
  }
}

test.serial("dl run writes the confusion matrix of each epoch into the run folder and names it in the history", async (t) => {
  const { main } = await import("../../cli/main.js");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dl-class-metrics-"));
  const file = path.join(dir, "m.dl");
  fs.writeFileSync(file, program);
  const out = path.join(dir, "runs", "metrics_run");
  const log = console.log;
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => (lines.push(String(s)), true)) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  let code: number;
  try {
    code = await main(["run", file, "--out", out, "--backend", "wasm"]);
  } finally {
    console.log = log;
    process.stdout.write = write;
  }
  t.is(code, 0, lines.join(""));
  checkRunFolder(t, out);
  t.regex(lines.join(""), /Confusion matrix test_cm \(rows true, columns predicted\): .*test_cm[\\/]epoch-2\.csv/);
  fs.rmSync(dir, { recursive: true, force: true });
});

torchTest("dl run --engine torch writes the same run-folder files", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dl-class-metrics-torch-"));
  const file = path.join(dir, "m.dl");
  fs.writeFileSync(file, program);
  const out = path.join(dir, "runs", "metrics_run");
  const r = spawnSync(process.execPath, ["cli/dl.mjs", "run", file, "--engine", "torch", "--python", python!, "--out", out], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  t.is(r.status, 0, r.stderr);
  checkRunFolder(t, out);
  fs.rmSync(dir, { recursive: true, force: true });
});

torchTest("under torchrun the counts of both processes' shards are summed: 2 processes give 1 process's metrics and matrix", async (t) => {
  const dir = tempDir();
  const file = path.join(dir, "m.dl");
  fs.writeFileSync(file, program);
  const { py } = await bothEngines(file, dir);
  const common = ["--train", "metrics_run", "--quiet", "--threads", "1"];
  driver(["train", py, ...common, "--out", path.join(dir, "one")]);
  torchrun(2, ["train", py, ...common, "--out", path.join(dir, "two")]);
  const last = (run: string) => JSON.parse(fs.readFileSync(path.join(dir, run, "history.jsonl"), "utf8").trim().split("\n").pop()!) as Record<string, number>;
  const [one, two] = [last("one"), last("two")];
  for (const k of ["test_top2", "test_f"]) t.true(Math.abs(one[k]! - two[k]!) < 1e-6, `${k}: 1 process ${one[k]}, 2 processes ${two[k]}`);
  const csv = (run: string) => fs.readFileSync(path.join(dir, run, "test_cm", "epoch-2.csv"), "utf8");
  t.is(csv("two"), csv("one"));
  t.is(csv("one").trim().split("\n").slice(1).flatMap((l) => l.split(",").slice(1).map(Number)).reduce((a, b) => a + b, 0), 45);
});
