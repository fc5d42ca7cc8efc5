import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

const probs = async (rows: number[][]): Promise<number[][]> => (await dl.predict.probabilities(tf.tensor2d(rows)).array()) as number[][];
const close = (a: number[][], b: number[][]) => a.every((r, i) => r.every((v, k) => Math.abs(v - b[i]![k]!) < 1e-6));

test("probabilities: logits get a softmax, a distribution is kept, one output gets a sigmoid", async (t) => {
  const logits = [[1, 2, 3], [0, 0, 0]];
  const soft = (await tf.softmax(tf.tensor2d(logits)).array()) as number[][];
  t.true(close(await probs(logits), soft));
  t.true(close(await probs(soft), soft));
  t.true(close(await probs([[0.2, 0.3, 0.4]]), (await tf.softmax(tf.tensor2d([[0.2, 0.3, 0.4]])).array()) as number[][]), "in [0, 1] but not summing to 1: logits");
  t.true(close(await probs([[2], [-1]]), [[1 / (1 + Math.exp(-2))], [1 / (1 + Math.exp(1))]]));
  t.true(close(await probs([[0.25], [0.75]]), [[0.25], [0.75]]));
});
