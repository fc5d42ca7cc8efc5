/**
 * `dl summary --json` for the examples, through the pipeline and compiler/summary.ts directly:
 * exact parameter counts (Keras and PyTorch agree on both networks) and every layer's output shape.
 */
import { join } from "node:path";
import test from "ava";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { summaryJson, summaryTable, type SummaryJson } from "../../compiler/summary.js";
import { repoRoot } from "./golden.js";

const pipeline = new DocumentPipeline();

function summary(file: string, model: string): SummaryJson {
  const checked = pipeline.checked(join(repoRoot, file));
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => d.message).join("\n"));
  const m = checked.models.get(model);
  if (!m) throw new Error(`${file} declares no model ${model}`);
  return summaryJson(m);
}

/** Rows as `name kind [shape] params`, easy to read in a failure diff. */
const rows = (s: SummaryJson) => s.layers.map((l) => `${l.name} ${l.kind} ${JSON.stringify(l.outputShape)} ${l.params}`);

test("LeNet-5 has 61,706 parameters", (t) => {
  const s = summary("examples/lenet-mnist.dl", "LeNet5");
  t.is(s.model, "LeNet5");
  t.is(s.totalParams, 61706);
  t.is(s.nonTrainableParams, 0);
  t.deepEqual(rows(s), [
    'conv2d_0 conv2d ["B",28,28,6] 156',
    'tanh_0 tanh ["B",28,28,6] 0',
    'avgpool_0 avgpool ["B",14,14,6] 0',
    'conv2d_1 conv2d ["B",10,10,16] 2416',
    'tanh_1 tanh ["B",10,10,16] 0',
    'avgpool_1 avgpool ["B",5,5,16] 0',
    'flatten_0 flatten ["B",400] 0',
    'dense_0 dense ["B",120] 48120',
    'tanh_2 tanh ["B",120] 0',
    'dense_1 dense ["B",84] 10164',
    'tanh_3 tanh ["B",84] 0',
    'dense_2 dense ["B",10] 850',
  ]);
  t.is(s.layers.reduce((n, l) => n + Number(l.params), 0), 61706, "the rows add up to the total");
});

test("the MLP has 669,706 parameters", (t) => {
  const s = summary("examples/mlp-mnist.dl", "MLP");
  t.is(s.totalParams, 669706);
  t.deepEqual(rows(s), [
    'flatten_0 flatten ["B",784] 0',
    'dense_0 dense ["B",512] 401920',
    'relu_0 relu ["B",512] 0',
    'dropout_0 dropout ["B",512] 0',
    'dense_1 dense ["B",512] 262656',
    'relu_1 relu ["B",512] 0',
    'dropout_1 dropout ["B",512] 0',
    'dense_2 dense ["B",10] 5130',
  ]);
});

test("the summary JSON survives a JSON round trip and the table shows the total", (t) => {
  const s = summary("examples/lenet-mnist.dl", "LeNet5");
  t.deepEqual(JSON.parse(JSON.stringify(s)), s);
  const m = pipeline.checked(join(repoRoot, "examples/lenet-mnist.dl")).models.get("LeNet5")!;
  t.regex(summaryTable(m), /Total params: 61,706/);
});
