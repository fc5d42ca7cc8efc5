/** Hover and completion over weights that move: the `init`, `except` and `freeze` keywords and weight paths. */
import test from "ava";
import type { Hover, MarkupContent } from "vscode-languageserver/node";
import { startInProcess, type TestClient } from "./helpers.js";

let client: TestClient;
test.before(async () => {
  client = await startInProcess();
});
test.after.always(async () => {
  await client.close();
});

let n = 0;
async function hoverText(source: string): Promise<string | undefined> {
  const doc = client.open(`weights-hover-${n++}.dl`, source);
  const h = await client.at<Hover | null>("textDocument/hover", doc);
  return h ? (h.contents as MarkupContent).value : undefined;
}

const program = (lines: string) => `model Body() {
  input x: f32[B, 2]
  return x |> dense(16) |> batchnorm |> relu
}
model Net(classes: int = 4) {
  input x: f32[B, 2]
  layer head = dense(classes)
  return x |> Body |> head
}
train pretrain {
  data points = blobs(n=100, centers=4) |> batch(50)
  model net = Net()
  optimizer opt = adam(net)
  epochs 1
  for (x, y) in points {
    step opt minimize cross_entropy(net(x), y)
  }
}
train finetune {
  data moon = moons(n=100) |> batch(50)
  model net = Net(classes=2)
${lines}
  optimizer opt = adam(net)
  epochs 1
  for (x, y) in moon {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;

test("the keywords say what they do", async (t) => {
  t.regex((await hoverText(program("  in<|>it net from pretrain except head")))!, /starts from saved weights, matched by parameter name/);
  t.regex((await hoverText(program("  init net from pretrain exc<|>ept head")))!, /keep their fresh initialization/);
  t.regex((await hoverText(program("  fre<|>eze net.body_0")))!, /frozen batch norm normalizes with its running statistics/);
});

test("a weight path lists the weights under it, with shapes and buffers", async (t) => {
  const text = await hoverText(program("  freeze net.bo<|>dy_0"));
  t.regex(text!, /net\.body_0/);
  t.regex(text!, /6 weights/);
  t.regex(text!, /`body_0\.dense_0\.kernel` \[2, 16\]/);
  t.regex(text!, /`body_0\.batchnorm_0\.runningMean` \[16\] \(buffer\)/);
  const head = await hoverText(program("  init net from pretrain except he<|>ad"));
  t.regex(head!, /`head\.kernel` \[16, 2\]/);
  const source = await hoverText(program("  init net from pre<|>train.net except head"));
  t.regex(source!, /train pretrain/);
  t.regex(source!, /models: net/);
});

async function completeLabels(source: string): Promise<string[]> {
  const doc = client.open(`weights-complete-${n++}.dl`, source);
  const list = await client.at<{ items: { label: string }[] } | null>("textDocument/completion", doc);
  return (list?.items ?? []).map((i) => i.label).sort();
}

test("completion offers init and freeze in a train block, and the weight names of a path", async (t) => {
  const start = await completeLabels(program("  <|>"));
  t.true(start.includes("init") && start.includes("freeze"), start.join(", "));
  t.deepEqual(await completeLabels(program("  freeze net.<|>")), ["body_0", "head"]);
  t.deepEqual(await completeLabels(program("  freeze net.body_0.<|>")), ["batchnorm_0", "dense_0"]);
  t.deepEqual(await completeLabels(program("  freeze net.body_0.dense_0.<|>")), ["bias", "kernel"]);
  t.deepEqual(await completeLabels(program("  init net from pretrain except <|>")), ["body_0", "head"]);
  t.deepEqual(await completeLabels(program("  init net from <|>")), ["pretrain"]);
  t.deepEqual(await completeLabels(program("  init net from pretrain.<|>")), ["net"]);
});

test("group(...) and repeat's fresh say what they do", async (t) => {
  t.regex((await hoverText(program("  optimizer opt2 = adam(gro<|>up(net.body_0, lr=1e-4), net.head, lr=1e-3)")))!, /parameter group of an optimizer, as PyTorch's param groups/);
  const loop = program("").replace("    step opt minimize cross_entropy(net(x), y)", "    repeat 2 fre<|>sh {\n      step opt minimize cross_entropy(net(x), y)\n    }");
  t.regex((await hoverText(loop))!, /each iteration after the first draws the next batch of the loop's data/);
});

test("completion of a parameter group's path in an optimizer's arguments", async (t) => {
  t.deepEqual(await completeLabels(program("  optimizer opt2 = adam(group(net.<|>")), ["body_0", "head"]);
  t.deepEqual(await completeLabels(program("  optimizer opt2 = adam(group(net.body_0, lr=1e-4), net.head.<|>")), ["bias", "kernel"]);
});
