import test from "ava";
import type { Hover, MarkupContent, SignatureHelp } from "vscode-languageserver/node";
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
  const doc = client.open(`hover-${n++}.dl`, source);
  const h = await client.at<Hover | null>("textDocument/hover", doc);
  return h ? (h.contents as MarkupContent).value : undefined;
}

const lenet = () =>
  `/// LeNet-5 on 32×32 digits.
model LeNet5(classes: int = 10) {
  input x: f32[B, 32, 32, 1]
  let features = x |> conv2d(6, kernel=5) |> tanh |> avgpool(2)
    |> conv2d(16, kernel=5) |> tanh |> avgpool(2)
  return features
    |> flatten |> dense(120) |> tanh |> dense(84) |> tanh
    |> dense(classes)
}
`;

test("a layer call: signature, documentation, output shape and its parameters", async (t) => {
  const text = await hoverText(`model M() {\n  input x: f32[B, 32, 32, 1]\n  return x |> con<|>v2d(6, kernel=5)\n}\n`);
  t.truthy(text);
  t.regex(text!, /conv2d\(filters: int, kernel: pair = 3/);
  t.regex(text!, /2-D convolution/);
  t.regex(text!, /Output: `\[B, 28, 28, 6\]`/);
  t.regex(text!, /Parameters here: \*\*156\*\*/);
  t.regex(text!, /- `padding: padding = valid`/);
});

test("the layers of modern networks: conv1d on a sequence, gelu's choice of formula, ceil_mode", async (t) => {
  const conv = await hoverText(`model M() {\n  input x: f32[B, 100, 8]\n  return x |> con<|>v1d(16, kernel=5, stride=2, padding=2)\n}\n`);
  t.regex(conv!, /conv1d\(filters: int, kernel: int = 3/);
  t.regex(conv!, /1-D convolution over sequences/);
  t.regex(conv!, /Output: `\[B, 50, 16\]`/);
  t.regex(conv!, /Parameters here: \*\*656\*\*/);
  const gelu = await hoverText(`model M() {\n  input x: f32[B, 8]\n  return x |> ge<|>lu(approximate="tanh")\n}\n`);
  t.regex(gelu!, /approximate: string = "none"/);
  t.regex(gelu!, /Twice differentiable/);
  const pool = await hoverText(`model M() {\n  input x: f32[B, 112, 112, 64]\n  return x |> maxpool(3, stride=2, ceil_<|>mode=true)\n}\n`);
  t.regex(pool!, /Round the output size up/);
});

test("an initializer's place names the initializer, not the tensor function of the same name", async (t) => {
  const bias = await hoverText(`model M() {\n  input x: f32[B, 8]\n  return x |> dense(4, bias_init=ze<|>ros)\n}\n`);
  t.regex(bias!, /^```dl\nzeros\(\)/);
  t.notRegex(bias!, /shape: ints/);
  const param = await hoverText(`model M() {\n  input x: f32[B, 8]\n  param p: f32[1, 8] = nor<|>mal(0.02)\n  return x + p\n}\n`);
  t.regex(param!, /^```dl\nnormal\(std/);
  const tensor = await hoverText(`model M() {\n  input x: f32[B, 8]\n  return x + ze<|>ros([B, 8])\n}\n`);
  t.regex(tensor!, /zeros\(shape: ints\)/);
});

test("a model: signature, shapes, exact parameter count and doc comment", async (t) => {
  const text = await hoverText(lenet().replace("model LeNet5", "model LeN<|>et5"));
  t.regex(text!, /model LeNet5\(classes: int = 10\)/);
  t.regex(text!, /`x: f32\[B, 32, 32, 1\]` → `\[B, 10\]`/);
  t.regex(text!, /\*\*61,706\*\* parameters/);
  t.regex(text!, /LeNet-5 on 32×32 digits/);
});

test("a let shows its inferred shape, at its declaration and at its uses", async (t) => {
  const src = lenet();
  t.regex((await hoverText(src.replace("let features", "let feat<|>ures")))!, /let features: \[B, 5, 5, 16\]/);
  t.regex((await hoverText(src.replace("return features", "return featu<|>res")))!, /let features: \[B, 5, 5, 16\]/);
});

test("inputs, parameters and symbolic dimensions", async (t) => {
  const src = `model M(units: int = 8) {\n  input x: f32[B, N]\n  return x |> dense(units)\n}\n`;
  t.regex((await hoverText(src.replace("input x", "input <|>x")))!, /input x: f32\[B, N\]/);
  t.regex((await hoverText(src.replace("dense(units)", "dense(un<|>its)")))!, /\(parameter\) units: int = 8/);
  t.regex((await hoverText(src.replace("[B, N]", "[B, <|>N]")))!, /\(dimension\) N/);
});

test("a named argument shows its documentation", async (t) => {
  const text = await hoverText(`model M() {\n  input x: f32[B, 8, 8, 1]\n  return x |> conv2d(4, str<|>ide=2)\n}\n`);
  t.regex(text!, /\(argument of conv2d\) stride: pair = 1/);
  t.regex(text!, /Step between windows/);
});

test("in a train block: data fields, model instances with parameter counts, batch variables", async (t) => {
  const src = `model MLP() {\n  input x: f32[B, 28, 28, 1]\n  return x |> flatten |> dense(10)\n}\ntrain t {\n  data train = mnist(split="train") |> batch(32)\n  model net = MLP()\n  optimizer opt = adam(net, lr=1e-3)\n  epochs 1\n  for (x, y) in train {\n    step opt minimize cross_entropy(net(x), y)\n  }\n}\n`;
  t.regex((await hoverText(src.replace("data train", "data tr<|>ain")))!, /data train \{ x: f32\[28, 28, 1\], y: i32\[\] \}/);
  t.regex((await hoverText(src.replace("model net", "model n<|>et")))!, /\*\*7,850\*\* parameters/);
  t.regex((await hoverText(src.replace("for (x, y)", "for (<|>x, y)")))!, /\(batch\) x: f32\[B, 28, 28, 1\]/);
  t.regex((await hoverText(src.replace("adam(", "ad<|>am(")))!, /adam\(.*lr: float/);
  const scheduled = src.replace("adam(net, lr=1e-3)", "adamw(net, lr=1e-3, schedule=cosine_lr(total=3))");
  t.regex((await hoverText(scheduled.replace("cosine_lr", "cosi<|>ne_lr")))!, /cosine_lr\(total: int, min_lr: float = 0.*Cosine annealing/s);
  t.regex((await hoverText(scheduled.replace("adamw(", "ada<|>mw(")))!, /decoupled weight decay/);
});

test("data augmentations show their registry documentation and the augmented field", async (t) => {
  const src = `model MLP() {\n  input x: f32[B, 24, 24, 1]\n  return x |> flatten |> dense(10)\n}\ntrain t {\n  seed 1\n  data train = mnist(split="train") |> random_crop(24, padding=2) |> random_flip(vertical=true) |> batch(32)\n  model net = MLP()\n  optimizer opt = adam(net, lr=1e-3)\n  epochs 1\n  for (x, y) in train {\n    step opt minimize cross_entropy(net(x), y)\n  }\n}\n`;
  t.regex((await hoverText(src.replace("random_crop(", "random_cr<|>op(")))!, /random_crop\(size: pair, padding: int = 0, field: string = "x"\).*RandomCrop\(size, padding\)/s);
  t.regex((await hoverText(src.replace("random_flip(", "random_fl<|>ip(")))!, /RandomHorizontalFlip\(p\)/);
  t.regex((await hoverText(src.replace("vertical=", "verti<|>cal=")))!, /\(argument of random_flip\) vertical: bool = false/);
  t.regex((await hoverText(src.replace("data train", "data tr<|>ain")))!, /data train \{ x: f32\[24, 24, 1\], y: i32\[\] \}/);
});

test("drop_path: its registry documentation and shape, no parameters", async (t) => {
  const text = await hoverText(`model M() {\n  input x: f32[B, 8, 8, 4]\n  let branch = x |> conv2d(4, kernel=3, padding=1)\n  return x + (branch |> drop_<|>path(0.2))\n}\n`);
  t.regex(text!, /drop_path\(rate: float = 0.1\)/);
  t.regex(text!, /Stochastic depth.*StochasticDepth\(mode="row"\)/s);
  t.regex(text!, /\[B, 8, 8, 4\]/);
});

test("nothing to say on whitespace and punctuation", async (t) => {
  t.is(await hoverText(`model M() {\n <|> input x: f32[B, 4]\n  return x\n}\n`), undefined);
});

test("signature help on a layer call follows the argument position and names", async (t) => {
  const src = (marked: string) => `model M() {\n  input x: f32[B, 8, 8, 1]\n  return x |> ${marked}\n}\n`;
  const help = async (marked: string) => client.at<SignatureHelp | null>("textDocument/signatureHelp", client.open(`sig-${n++}.dl`, src(marked)));
  const first = await help("conv2d(<|>)");
  t.is(first!.signatures[0]!.label, "conv2d(filters: int, kernel: pair = 3, stride: pair = 1, padding: padding = valid, dilation: pair = 1, groups: int = 1, bias: bool = true, init: init = none, bias_init: init = none)");
  t.is(first!.activeParameter, 0);
  t.deepEqual(first!.signatures[0]!.parameters![0]!.label, [7, 19]);
  t.is((await help("conv2d(8, <|>)"))!.activeParameter, 1);
  t.is((await help("conv2d(8, padding=<|>)"))!.activeParameter, 3);
  t.is((await help("conv2d(8, bias=false, kernel=[3, <|>1])"))!.activeParameter, 1);
  t.is(await help("conv2d(8) |> relu <|>"), null);
  const model = await client.at<SignatureHelp | null>(
    "textDocument/signatureHelp",
    client.open(`sig-${n++}.dl`, `model B(width: int, stride: int = 1) {\n  input x: f32[B, H, W, C]\n  return x |> conv2d(width, stride=stride)\n}\nmodel M() {\n  input x: f32[B, 8, 8, 1]\n  return x |> B(4, <|>)\n}\n`),
  );
  t.is(model!.signatures[0]!.label, "B(width: int, stride: int = 1)");
  t.is(model!.activeParameter, 1);
});

test("checkpoint best and stop early: hovers in and around them still work", async (t) => {
  const program = (cursorAt: string) =>
    `${lenet()}
train t {
  data train = mnist(split="train") |> pad(2) |> batch(64)
  model net = LeNet5()
  optimizer opt = adam(net)
  epochs 2
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
  evaluate (x, y) in train {
    metric accuracy = accuracy(ne${cursorAt === "net" ? "<|>" : ""}t(x), y)
  }
  checkpoint best max accu${cursorAt === "best" ? "<|>" : ""}racy
  stop early min train_accuracy pat${cursorAt === "stop" ? "<|>" : ""}ience 3
}
`;
  // Hovering the metric or a soft keyword of the new statements answers (nothing or a hover), not an error.
  for (const at of ["best", "stop"]) t.not(await hoverText(program(at)), "");
  t.regex((await hoverText(program("net"))) ?? "", /LeNet5/);
});

test("evaluate metrics: top-k accuracy's k, and the whole-set metrics' documentation from the registry", async (t) => {
  const src = `model M() {\n  input x: f32[B, 4]\n  return x |> dense(3)\n}\ntrain t {\n  data train = blobs(n=60, centers=3, features=4) |> batch(20)\n  model net = M()\n  optimizer opt = adam(net, lr=1e-3)\n  epochs 1\n  for (x, y) in train {\n    step opt minimize cross_entropy(net(x), y)\n  }\n  evaluate (x, y) in train {\n    metric top2 = top_k_accuracy(net(x), y, k=2)\n    metric p = precision(net(x), y)\n    metric cm = confusion_matrix(net(x), y)\n  }\n}\n`;
  const top = await hoverText(src.replace("top_k_accuracy(", "top_k_acc<|>uracy("));
  t.regex(top!, /top_k_accuracy\(k: int = 5\)/);
  t.regex(top!, /among the `k` highest class scores/);
  const p = await hoverText(src.replace("precision(", "preci<|>sion("));
  t.regex(p!, /Macro-averaged precision/);
  t.regex(p!, /scikit-learn's `average="macro"`/);
  const cm = await hoverText(src.replace("confusion_matrix(", "confusion_ma<|>trix("));
  t.regex(cm!, /row = true class, column = predicted class/);
  t.regex(cm!, /epoch-<n>\.csv/);
});
