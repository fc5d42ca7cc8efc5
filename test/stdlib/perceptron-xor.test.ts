/**
 * The lecture's first part (examples/perceptron-xor.dl): SGD on `perceptron_loss` is Rosenblatt's
 * rule; a perceptron learns AND but never XOR; an MLP with a hidden sigmoid layer learns XOR.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "../../runtime/index.js";
import { main } from "../../cli/main.js";
import { useWasm } from "../runtime/fixtures/backend.js";

const example = path.join(import.meta.dirname, "../../examples/perceptron-xor.dl");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dl-perceptron-"));

test.before(useWasm);

/** Runs a train block of the example quietly; returns its history rows. */
async function train(name: string): Promise<Record<string, number>[]> {
  const { error, log } = console;
  const out: string[] = [];
  console.error = console.log = (...a: unknown[]) => void out.push(a.join(" "));
  let code: number;
  try {
    code = await main(["run", example, "--train", name, "--out", path.join(dir, name), "--backend", "wasm", "--quiet"]);
  } finally {
    Object.assign(console, { error, log });
  }
  if (code !== 0) throw new Error(out.join("\n"));
  return fs.readFileSync(path.join(dir, name, "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
}

test.serial("the perceptron criterion's gradient is the perceptron rule −t·x on misclassified examples, boundary included", (t) => {
  const x = tf.tensor2d([[1, 2], [0, 1], [3, -1], [0, 0]]);
  const y = tf.tensor1d([1, 0, 0, 1], "int32");
  const wv = tf.variable(tf.tensor2d([[0.5], [-1]]));
  // scores 0.5·x1 − x2: −1.5 (t=+1, wrong), −1 (t=−1, right), 2.5 (t=−1, wrong), 0 (t=+1, boundary: wrong).
  const { value, grads } = tf.variableGrads(() => dl.losses.perceptronLoss(tf.matMul(x, wv), y), [wv]);
  const expected = [[(-(1 * 1) + 1 * 3 - 0) / 4], [(-(1 * 2) + 1 * -1 - 0) / 4]];
  t.deepEqual(Array.from(grads[wv.name]!.dataSync()).map((v) => +v.toFixed(6)), expected.flat().map((v) => +v.toFixed(6)));
  t.is(+value.dataSync()[0]!.toFixed(6), +((1.5 + 2.5 + 0) / 4).toFixed(6));
});

test.serial("a perceptron learns AND; on XOR it never classifies more than three of the four rows", async (t) => {
  const and = await train("perceptron_and");
  t.is(and.at(-1)!.test_accuracy, 1, JSON.stringify(and.at(-1)));
  const xor = await train("perceptron_xor");
  t.true(xor.every((row) => row.test_accuracy! <= 0.75), xor.map((r) => r.test_accuracy).join(", "));
});

test.serial("a multilayer perceptron with one hidden sigmoid layer learns XOR", async (t) => {
  const rows = await train("mlp_xor");
  t.is(rows.at(-1)!.test_accuracy, 1, rows.map((r) => r.test_accuracy).join(", "));
  t.true(rows.at(-1)!.loss! < rows[0]!.loss!);
});
