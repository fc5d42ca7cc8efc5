/**
 * The static memory estimate of a training step: `test/golden/memory/<name>.dl` are large
 * models on the default backend (ViT-B/16, Wide ResNet-50-2) whose `dl check` warnings (the
 * estimate, the wasm limit and a batch that fits) are kept in `<name>.warnings.txt`; and the
 * parts of the estimate are checked against counts known from torchvision.
 */
import { basename, join } from "node:path";
import test from "ava";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { fileSystemHost, Workspace } from "../../compiler/workspace/workspace.js";
import { estimateTrainMemory } from "../../compiler/memory/train-memory.js";
import { compareBaseline, diagnosticsText, dlFiles, repoRoot } from "./golden.js";

const dir = join(repoRoot, "test/golden/memory");
const pipeline = new DocumentPipeline();

for (const file of dlFiles(dir)) {
  const name = basename(file, ".dl");
  test(`memory ${name}`, (t) => {
    const { diagnostics } = pipeline.checked(file);
    t.false(diagnostics.some((d) => d.severity === "error"), diagnostics.map((d) => d.message).join("\n"));
    t.true(diagnostics.some((d) => d.code === "DL4301"), `${name}.dl fits the wasm backend; the memory suite holds models that do not`);
    const diff = compareBaseline(join(dir, `${name}.warnings.txt`), diagnosticsText(pipeline, diagnostics));
    if (diff) t.fail(diff);
  });
}

test("the estimate counts weights, gradients, optimizer state and activations for the loop's batch", (t) => {
  const checked = pipeline.checked(join(dir, "wide-resnet50-2-imagenet.dl"));
  const m = estimateTrainMemory(checked.trains[0]!, (k) => checked.compilation.instance(k))!;
  // torchvision's wide_resnet50_2: 68,883,240 weights, plus 68,224 running statistics.
  t.is(m.parameters, (68_883_240 + 68_224) * 4);
  t.is(m.gradients, 68_883_240 * 4);
  // SGD with momentum: one buffer per weight.
  t.is(m.optimizerState, 68_883_240 * 4);
  t.is(m.batch, 32);
  t.is(m.total, m.fixed + m.activations);
  t.is(m.activations, m.perExample * 32);
  // The stem's first output alone is 112 × 112 × 64 values per example, kept with its inner results.
  t.true(m.perExample > 112 * 112 * 64 * 4 * 2);
});

test("a small model on MNIST has an estimate well under the limit and no warning", (t) => {
  const checked = pipeline.checked(join(repoRoot, "examples/lenet-mnist.dl"));
  t.deepEqual(checked.diagnostics.filter((d) => d.code === "DL4301"), []);
  const m = estimateTrainMemory(checked.trains[0]!, (k) => checked.compilation.instance(k))!;
  t.true(m.total > 0 && m.total < 2 ** 30, String(m.total));
});

/** Documents in memory, over the file system. */
const overlay = new Map<string, string>();
const memoryPipeline = new DocumentPipeline(new Workspace({ read: (p) => overlay.get(p) ?? fileSystemHost.read(p) }));
let docs = 0;

/** The estimate of the first train block of `text`, which must check without errors. */
function estimate(t: import("ava").ExecutionContext, text: string) {
  const path = join(repoRoot, ".cache", `memory-${docs++}.dl`);
  overlay.set(path, text);
  const checked = memoryPipeline.checked(path);
  t.deepEqual(checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), []);
  return estimateTrainMemory(checked.trains[0]!, (k) => checked.compilation.instance(k))!;
}

/** An MLP of 784·64 + 64 + 64·10 + 10 = 50,890 weights trained by `optimizer`. */
const mlp = (optimizer: string) => `model Mlp() {
  input x: f32[B, 28, 28, 1]
  return x |> flatten |> dense(64) |> relu |> dense(10)
}
train t {
  data train = mnist(split="train") |> batch(32)
  model net = Mlp()
  optimizer opt = ${optimizer}
  epochs 1
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;

// What runtime/optim/optimizers.ts creates per weight: Sgd nothing, Momentum a buffer, Adam and AdamW m and v, Rmsprop the square average.
const slotsPerWeight: [string, number][] = [
  ["sgd(net, lr=0.1)", 0],
  ["sgd(net, lr=0.1, momentum=0.9)", 1],
  ["sgd(net, lr=0.1, momentum=0.9, nesterov=true)", 1],
  ["momentum(net, lr=0.1)", 1],
  ["adam(net, lr=1e-3)", 2],
  ["adamw(net, lr=1e-3)", 2],
  ["rmsprop(net, lr=1e-3)", 1],
];
for (const [optimizer, slots] of slotsPerWeight) {
  test(`optimizer state of ${optimizer} is ${slots} value(s) per weight`, (t) => {
    const m = estimate(t, mlp(optimizer));
    t.is(m.parameters, 50_890 * 4);
    t.is(m.gradients, 50_890 * 4);
    t.is(m.optimizerState, slots * 50_890 * 4);
  });
}

test("each optimizer's state counts its own models, and a model no optimizer trains has no gradients", (t) => {
  // G (100·784 + 784 = 79,184 weights) with Adam, D (784·1 + 1 = 785) with plain SGD, and a frozen copy of D in no optimizer.
  const m = estimate(
    t,
    `model G() {
  input z: f32[B, 100]
  return z |> dense(784) |> sigmoid
}
model D() {
  input x: f32[B, 784]
  return x |> dense(1)
}
train gan {
  data train = mnist(split="train") |> batch(16)
  model g = G()
  model d = D()
  model judge = D()
  optimizer optG = adam(g, lr=2e-4)
  optimizer optD = sgd(d, lr=0.01)
  epochs 1
  for (x, y) in train {
    step optD minimize bce_with_logits(d(x |> flatten), ones([B, 1])) + bce_with_logits(d(g(normal([B, 100]))), zeros([B, 1]))
    step optG minimize bce_with_logits(judge(g(normal([B, 100]))), ones([B, 1]))
  }
}
`,
  );
  t.is(m.parameters, (79_184 + 785 + 785) * 4);
  t.is(m.gradients, (79_184 + 785) * 4);
  t.is(m.optimizerState, 2 * 79_184 * 4);
});

test("attention's score matrices count B·heads·Tq·Tk values per layer in the activations", (t) => {
  const attention = (heads: number, memory: boolean) =>
    estimate(
      t,
      `model Attend() {
  input x: f32[B, 28, 28]
  input m: f32[B, 7, 28]
  return multihead_attention(x, ${memory ? "m" : "x"}, heads=${heads}) |> flatten |> dense(10)
}
train t {
  data train = mnist(split="train") |> batch(8)
  model net = Attend()
  optimizer opt = sgd(net, lr=0.1)
  epochs 1
  for (x, y) in train {
    let s = x |> reshape([28, 28])
    step opt minimize cross_entropy(net(s, s[:, :7]), y)
  }
}
`,
    );
  const one = attention(1, false);
  const four = attention(4, false);
  // Per example: 28 queries × 28 keys per head, 4 bytes, kept with the tape's inner results (×3).
  t.is(four.perExample - one.perExample, (4 - 1) * 28 * 28 * 4 * 3);
  t.is(four.activations - one.activations, 8 * (4 - 1) * 28 * 28 * 4 * 3);
  // Cross-attention to 7 memory positions: Tk = 7.
  t.is(attention(4, true).perExample - attention(1, true).perExample, (4 - 1) * 28 * 7 * 4 * 3);
});

test("ViT-B/16's estimate holds 12 layers of 12 heads × 196 × 196 attention scores per example", (t) => {
  const checked = pipeline.checked(join(dir, "vit-b16-imagenet.dl"));
  const m = estimateTrainMemory(checked.trains[0]!, (k) => checked.compilation.instance(k))!;
  t.true(m.perExample > 12 * 12 * 196 * 196 * 4 * 3, String(m.perExample));
});
