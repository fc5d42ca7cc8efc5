import test from "ava";
import type { CompletionItem, CompletionList } from "vscode-languageserver/node";
import { startInProcess, type TestClient } from "./helpers.js";

let client: TestClient;
test.before(async () => {
  client = await startInProcess();
});
test.after.always(async () => {
  await client.close();
});

let n = 0;
async function complete(source: string): Promise<CompletionItem[]> {
  const doc = client.open(`completion-${n++}.dl`, source);
  const list = await client.at<CompletionList | null>("textDocument/completion", doc);
  return list?.items ?? [];
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

const model = (body: string) => `model Net(width: int = 16) {\n  input x: f32[B, 28, 28, 1]\n${body}\n}\n`;

test("top level offers the declaration keywords", async (t) => {
  t.deepEqual(labels(await complete(`<|>`)).sort(), ["import", "model", "train"]);
  t.deepEqual(labels(await complete(`model A() {\n  input x: f32[B, 2]\n  return x\n}\nmo<|>`)).sort(), ["import", "model", "train"]);
});

test("a model body offers its statement keywords", async (t) => {
  const items = labels(await complete(model(`  let h = x |> relu\n  <|>`)));
  t.deepEqual(items.sort(), ["input", "layer", "let", "param", "return"]);
});

test("a train block, its loop and its evaluation offer their own keywords", async (t) => {
  const train = (inner: string) => `train t {\n  data d = mnist() |> batch(8)\n${inner}\n}\n`;
  t.true(labels(await complete(train(`  <|>`))).includes("optimizer"));
  t.true(labels(await complete(train(`  <|>`))).includes("checkpoint"));
  t.deepEqual(labels(await complete(train(`  for (x, y) in d {\n    <|>\n  }`))).sort(), ["let", "repeat", "step"]);
  t.deepEqual(labels(await complete(train(`  evaluate (x, y) in d {\n    <|>\n  }`))), ["metric"]);
});

test("after |> come layers, models and named layers, not losses or data operations", async (t) => {
  const items = await complete(`/// Encodes.\nmodel Enc() {\n  input x: f32[B, 4]\n  return x |> dense(2)\n}\n` + model(`  layer shared = dense(8)\n  return x |> <|>`));
  const l = labels(items);
  for (const name of ["conv2d", "dense", "relu", "flatten", "maxpool", "Enc", "Net", "shared", "repeat"]) t.true(l.includes(name), name);
  for (const name of ["cross_entropy", "batch", "adam", "mnist", "x"]) t.false(l.includes(name), name);
  const dense = items.find((i) => i.label === "dense")!;
  t.is(dense.detail, "dense(units: int, bias: bool = true, init: init = none, bias_init: init = none, pointwise: bool = false)");
  // Lists carry no documentation; the editor resolves the item it shows.
  t.is(dense.documentation, undefined);
  const resolved = await client.request<CompletionItem>("completionItem/resolve", dense);
  t.regex(JSON.stringify(resolved.documentation), /Fully connected/);
  const enc = await client.request<CompletionItem>("completionItem/resolve", items.find((i) => i.label === "Enc")!);
  t.is(enc.detail, "model Enc()");
  t.regex(JSON.stringify(enc.documentation), /Encodes\./);
});

test("after |> in a data declaration come data operations", async (t) => {
  const l = labels(await complete(`train t {\n  data d = mnist() |> <|>\n}\n`));
  t.true(l.includes("batch"));
  t.true(l.includes("pad"));
  t.false(l.includes("conv2d"));
});

test("inside a call: named arguments with types and defaults, minus those given", async (t) => {
  const items = await complete(model(`  return x |> conv2d(8, kernel=3, <|>)`));
  const args = items.filter((i) => i.label.endsWith("="));
  t.deepEqual(labels(args), ["stride=", "padding=", "dilation=", "groups=", "bias=", "init=", "bias_init="]);
  const padding = args.find((i) => i.label === "padding=")!;
  t.is(padding.detail, "padding = valid");
  t.is(padding.insertText, "padding=");
  t.regex(JSON.stringify(padding.documentation), /keep size/);
  // Names in scope follow the arguments.
  t.true(labels(items).includes("width"));
});

test("a required argument says so", async (t) => {
  const items = await complete(model(`  return x |> flatten |> dense(<|>)`));
  t.is(items.find((i) => i.label === "units=")?.detail, "int (required)");
});

test("after name= come the values the argument takes", async (t) => {
  const l = labels(await complete(model(`  return x |> conv2d(8, padding=<|>)`)));
  t.true(l.includes("same"));
  t.true(l.includes("valid"));
  t.true(l.includes("width"));
  const b = labels(await complete(model(`  return x |> flatten |> dense(8, bias=<|>)`)));
  t.true(b.includes("true"));
  t.true(b.includes("false"));
});

test("model arguments are offered from the model's parameters", async (t) => {
  const items = await complete(`model Block(filters: int, stride: int = 1) {\n  input x: f32[B, H, W, C]\n  return x |> conv2d(filters, stride=stride)\n}\n` + model(`  return x |> Block(<|>)`));
  t.deepEqual(labels(items.filter((i) => i.label.endsWith("="))), ["filters=", "stride="]);
  t.is(items.find((i) => i.label === "stride=")!.detail, "int = 1");
});

test("names in scope: parameters, inputs and earlier lets, not later ones", async (t) => {
  const items = await complete(model(`  let a = x |> relu\n  let b = <|>\n  let later = a`));
  const l = labels(items);
  for (const name of ["width", "x", "a", "B", "conv2d", "Net", "if"]) t.true(l.includes(name), name);
  t.false(l.includes("later"));
  t.false(l.includes("mnist"), "data sources only in train blocks");
  t.is(items.find((i) => i.label === "a")!.detail, "let");
});

test("std/ imports: module paths inside the string, models inside the braces", async (t) => {
  const paths = await complete(`import { TinyNet } from "std/<|>"\n`);
  t.deepEqual(labels(paths).sort(), ["std/blocks/mlp", "std/vision/tiny"]);
  const edit = paths[0]!.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  t.is(edit.range.start.character, 25);
  t.is(edit.range.end.character, 29);
  const names = await complete(`import { <|> } from "std/vision/tiny"\n`);
  t.deepEqual(labels(names), ["TinyNet"]);
  const resolved = await client.request<CompletionItem>("completionItem/resolve", names[0]!);
  t.regex(resolved.detail!, /model TinyNet\(classes: int = 10\)/);
});

test("parameter types and input dtypes after a colon", async (t) => {
  t.deepEqual(labels(await complete(`model M(k: <|>) {\n}\n`)), ["int", "float", "bool", "string"]);
  t.deepEqual(labels(await complete(`model M() {\n  input x: <|>\n}\n`)), ["f32", "i32", "bool"]);
});

test("nothing inside comments and strings", async (t) => {
  t.deepEqual(await complete(model(`  // a comment <|>\n  return x`)), []);
  t.deepEqual(await complete(`train t {\n  data d = mnist(split="tr<|>")\n}\n`), []);
});
